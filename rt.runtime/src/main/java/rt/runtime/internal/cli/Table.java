package rt.runtime.internal.cli;

import java.util.List;

/** Plain-text table with padded columns; the first row is the header. */
final class Table {

    private Table() {
    }

    static String render(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i] == null ? 1 : r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String cell = r[i] == null ? "-" : r[i];
                line.append(cell).append(" ".repeat(width[i] - cell.length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
