package mltutor.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed access to parsed YAML front matter. A wrong or missing field is recorded as a problem
 * (named after the field) instead of throwing, so one pass reports everything wrong with a file.
 */
final class FrontMatterReader {
    private final Map<?, ?> fields;
    private final List<String> problems = new ArrayList<>();

    FrontMatterReader(Map<?, ?> fields) {
        this.fields = fields;
    }

    List<String> problems() {
        return problems;
    }

    String requiredString(String name) {
        Object v = fields.get(name);
        if (v == null) {
            problems.add("missing required field '" + name + "'");
            return "";
        }
        if (v instanceof Map || v instanceof List) {
            problems.add("field '" + name + "' must be a single value");
            return "";
        }
        String s = String.valueOf(v).strip();
        if (s.isEmpty()) {
            problems.add("field '" + name + "' is empty");
        }
        return s;
    }

    int requiredInt(String name) {
        Object v = fields.get(name);
        if (v instanceof Integer i) {
            return i;
        }
        problems.add(v == null ? "missing required field '" + name + "'" : "field '" + name + "' must be an integer");
        return 0;
    }

    List<String> stringList(String name, boolean required) {
        Object v = fields.get(name);
        if (v == null) {
            if (required) {
                problems.add("missing required field '" + name + "'");
            }
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            problems.add("field '" + name + "' must be a list");
            return List.of();
        }
        var out = new ArrayList<String>();
        for (Object item : list) {
            if (item == null || item instanceof Map || item instanceof List || String.valueOf(item).isBlank()) {
                problems.add("field '" + name + "' has an empty or non-text item");
            } else {
                out.add(String.valueOf(item).strip());
            }
        }
        return out;
    }
}
