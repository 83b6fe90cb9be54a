package mltutor.practice;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContradictionRulesTest {
    private static final ContradictionRules RULES = ContradictionRules.load();
    private static final String REFERENCE = """
            One 4096 x 4096 projection: full fine-tuning trains 16,777,216 parameters, LoRA r = 8 trains 65,536,
            i.e. 0.39%. Adam state is about 34 MB in fp32. Attention costs O(n^2 d); with a KV cache each new token
            costs O(t) attention work.""";

    private static List<ContradictionRules.Finding> check(String point, String sentence) {
        return RULES.check(point, sentence, REFERENCE);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            NUMBER | For a 4096 x 4096 matrix, full fine-tuning trains 16.8M parameters, while LoRA with r = 8 trains 65,536. | With rank 8 LoRA still trains about 2 million parameters on a 4096 square matrix.
            NUMBER | QLoRA stores the frozen base in 4-bit NF4 and backpropagates into bf16 adapters. | QLoRA keeps the frozen base model in 32-bit precision.
            NUMBER | With a KV cache each new token costs O(t) attention work instead of recomputing the prefix. | With the cache each new token still costs O(t^3) work.
            OPPOSITE | Raising the threshold increases precision and lowers recall. | Raising the threshold lowers precision.
            OPPOSITE | LoRA freezes the pretrained weight W0 and learns a low-rank update. | LoRA unfreezes the pretrained weights W0 and retrains them.
            NEGATION | After training, BA can be merged into W0, so a merged model has no extra inference latency. | After training the adapters can never be merged into W0.
            NEGATION | Dropout is switched off at inference. | At inference dropout is not switched off.
            SWAPPED_ROLES | B is initialised to zero and A randomly, so the update BA is zero at the start. | A is set to zero and B is drawn at random.
            SWAPPED_ROLES | It helps generalization because training loss keeps falling while validation loss eventually rises. | Validation loss keeps falling while the training loss rises.
            OPPOSITE | Self-attention cost grows quadratically with the number of patches. | Attention cost grows linearly with the number of patches.
            NUMBER | The GPT-4 report shows MMLU ECE rising from 0.007 before to 0.074 after PPO post-training. | In the GPT-4 report ECE fell from 0.074 before PPO to 0.007 after it.
            NUMBER | For a 4096 x 4096 matrix, full fine-tuning trains 16.8M parameters, while LoRA with r = 8 trains 65,536. | LoRA with rank 8 on that matrix trains 4 million parameters.
            """)
    void flagsAReversedStatement(ContradictionRules.Kind kind, String point, String sentence) {
        var findings = check(point, sentence);
        assertTrue(findings.stream().anyMatch(f -> f.kind() == kind), findings.toString());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            For a 4096 x 4096 matrix, full fine-tuning trains 16.8M parameters, while LoRA with r = 8 trains 65,536. | Rank 8 on a 4096 by 4096 layer is about 65 thousand trainable numbers instead of roughly 16.8 million, around 0.4% of them.
            QLoRA stores the frozen base in 4-bit NF4 and backpropagates into bf16 adapters. | QLoRA keeps the base in NF4 and trains 16-bit adapters on top.
            Raising the threshold increases precision and lowers recall. | With a higher threshold precision goes up but recall falls.
            LoRA freezes the pretrained weight W0 and learns a low-rank update. | The original matrix stays frozen; only a thin update is learned.
            After training, BA can be merged into W0, so a merged model has no extra inference latency. | Once merged, the adapter costs zero extra latency at inference.
            Dropout is switched off at inference. | At inference time nothing is dropped because dropout is switched off.
            It helps generalization because training loss keeps falling while validation loss eventually rises. | Training loss keeps going down while the validation loss starts to rise.
            Self-attention cost grows quadratically with the number of patches. | Attention is quadratic in the patch count, so halving the patch size gives about 16 times the cost.
            For a 4096 x 4096 matrix, full fine-tuning trains 16.8M parameters, while LoRA with r = 8 trains 65,536. | Rank 8 needs 8 times 8192 parameters, the two thin matrices together.
            B is initialised to zero and A randomly, so the update BA is zero at the start. | Since B starts at zero while A is random, training starts from the pretrained model.
            Optimizer state and gradients are only needed for the small A and B matrices. | You need fewer parameters in the optimizer, which makes it more memory efficient.
            """)
    void leavesACorrectParaphraseAlone(String point, String sentence) {
        assertEquals(List.of(), check(point, sentence));
    }

    @Test
    void readsNumbersWithTheirUnits() {
        var q = ContradictionRules.quantities("16.8M parameters, 65,536 of them, 0.4 percent, 4-bit NF4, 3x faster, bf16");
        assertEquals(List.of("4 bit", "16 bit", "1.68E7 ", "65536 ", "0.4 %", "4 bit", "3 x"),
                q.stream().map(x -> (x.value() == Math.rint(x.value()) && x.value() < 1e7
                        ? String.valueOf((long) x.value()) : String.valueOf(x.value())) + " " + x.unit()).toList());
    }

    @Test
    void rejectsAnOppositesLineWithoutExactlyOneBar() {
        assertThrows(IllegalArgumentException.class, () -> ContradictionRules.parse(List.of("up down")));
        assertThrows(IllegalArgumentException.class, () -> ContradictionRules.parse(List.of("up | down | left")));
        assertThrows(IllegalArgumentException.class, () -> ContradictionRules.parse(List.of("up more | more down")));
    }
}
