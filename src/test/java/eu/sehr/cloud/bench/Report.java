package eu.sehr.cloud.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The results as Markdown: the machine, the command line, then one table per section, ready for the README. */
final class Report {

    /** One table: a title, column names, rows of cells and notes printed under it. */
    static final class Table {
        private final String title;
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Table(String title, String... columns) {
            this.title = title;
            this.columns = List.of(columns);
        }

        Table row(String... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException("a row of " + title + " needs " + columns.size() + " cells");
            }
            rows.add(Arrays.asList(cells));
            return this;
        }

        Table note(String note) {
            notes.add(note);
            return this;
        }

        String markdown() {
            StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
            line(out, columns);
            line(out, columns.stream().map(c -> "---").toList());
            rows.forEach(row -> line(out, row));
            if (!notes.isEmpty()) {
                out.append('\n');
                notes.forEach(note -> out.append("- ").append(note).append('\n'));
            }
            return out.append('\n').toString();
        }

        private static void line(StringBuilder out, List<String> cells) {
            out.append('|');
            cells.forEach(cell -> out.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |"));
            out.append('\n');
        }
    }

    private final String commandLine;
    private final Table machine;
    private final List<Table> tables = new ArrayList<>();

    Report(String commandLine, Table machine) {
        this.commandLine = commandLine;
        this.machine = machine;
    }

    void add(Table table) {
        tables.add(table);
        System.err.print(table.markdown());
    }

    void failed(String section, Throwable e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        add(new Table(section, "Result").row("failed: " + reason));
    }

    boolean anyFailed() {
        return tables.stream().anyMatch(t -> t.rows.stream().anyMatch(r -> r.get(0).startsWith("failed: ")));
    }

    String markdown(double totalSeconds) {
        StringBuilder out = new StringBuilder("## Benchmark: the gateway against direct storage\n\n");
        out.append("Command: `").append(commandLine).append("` (").append(String.format(Locale.ROOT, "%.0f", totalSeconds))
                .append(" s in all)\n\n");
        out.append(machine.markdown());
        tables.forEach(table -> out.append(table.markdown()));
        return out.toString();
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** {@code median (min–max)} of the values. */
    static String spread(List<Double> values, int decimals) {
        if (values.isEmpty()) {
            return "–";
        }
        List<Double> sorted = values.stream().sorted().toList();
        return number(median(sorted), decimals) + " (" + number(sorted.get(0), decimals) + "–"
                + number(sorted.get(sorted.size() - 1), decimals) + ")";
    }

    /** The median of the values (NaN for none). */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
