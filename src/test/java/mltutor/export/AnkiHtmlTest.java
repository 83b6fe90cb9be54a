package mltutor.export;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Corpus Markdown to Anki HTML: MathJax delimiters Anki reads, escaped text, nothing loaded from outside. */
class AnkiHtmlTest {
    @Test
    void turnsDollarMathIntoMathJaxDelimitersWithoutReadingUnderscoresAsEmphasis() {
        assertEquals("The gradient \\(\\partial L/\\partial w_i * x_j\\)  is small.",
                AnkiHtml.inline("The gradient $\\partial L/\\partial w_i * x_j$  is small."));
        assertEquals("<p>Softmax:</p>\n<p>\\[p_i = e^{z_i} / \\sum_j e^{z_j}\\]</p>",
                AnkiHtml.blocks("Softmax:\n\n$$\n p_i = e^{z_i} / \\sum_j e^{z_j}\n$$"));
        assertEquals("Already \\(a_b\\) and \\[c_d\\]", AnkiHtml.inline("Already \\(a_b\\) and \\[c_d\\]"));
    }

    @Test
    void leavesPricesAndCodeAlone() {
        assertEquals("It costs $5 and $10 a month.", AnkiHtml.inline("It costs $5 and $10 a month."));
        assertEquals("Run <code>echo $HOME_DIR$</code> first.", AnkiHtml.inline("Run `echo $HOME_DIR$` first."));
    }

    @Test
    void escapesHtmlInTextAndInFormulas() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt; when \\(a &lt; b &amp;&amp; c &gt; d\\)",
                AnkiHtml.inline("<script>alert(1)</script> when $a < b && c > d$"));
        assertEquals("<strong>bold</strong> &amp; <em>it</em>", AnkiHtml.inline("**bold** & *it*"));
    }

    @Test
    void keepsImagesOutAsTheirAltText() {
        String html = AnkiHtml.blocks("See ![the loss curve](https://example.com/loss.png) here.");
        assertEquals("<p>See the loss curve here.</p>", html);
        assertFalse(html.contains("<img"));
    }

    @Test
    void plainTextKeepsTheFormulaInDelimitersAndNoMarkup() {
        assertEquals("Why divide by \\(\\sqrt{d_k}\\)?", AnkiHtml.plain("Why divide by $\\sqrt{d_k}$?"));
    }
}
