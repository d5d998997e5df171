package rt.radiomics.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neighbour offsets grouped by the row they reach (same dz, dy): a group that holds every dx in [−R, R] (R ≤ 2, the
 * centre row without dx = 0) is counted in one loop that compares each voxel with the 2R + 1 neighbours of that row,
 * so the counters are read and written once per group instead of once per offset; other offsets one at a time.
 */
final class RowGroups {

    /** Flat offset of the row (dx = 0) of each complete group, and whether it is the voxel's own row. */
    private final int[] rows;
    private final boolean[] own;
    private final int radius;
    /** Offsets outside complete groups. */
    private final int[] single;

    RowGroups(int[][] angles, int[] deltas, int radius) {
        Map<Integer, List<Integer>> byRow = new LinkedHashMap<>();
        for (int a = 0; a < angles.length; a++) {
            byRow.computeIfAbsent(deltas[a] - angles[a][2], k -> new ArrayList<>()).add(a);
        }
        List<Integer> complete = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : byRow.entrySet()) {
            boolean ownRow = angles[e.getValue().get(0)][0] == 0 && angles[e.getValue().get(0)][1] == 0;
            int want = ownRow ? 2 * radius : 2 * radius + 1;
            boolean full = radius <= 2 && e.getValue().size() == want;
            for (int a : e.getValue()) {
                full &= Math.abs(angles[a][2]) <= radius;
            }
            if (full) {
                complete.add(e.getKey());
            } else {
                for (int a : e.getValue()) {
                    rest.add(deltas[a]);
                }
            }
        }
        this.radius = radius;
        rows = complete.stream().mapToInt(Integer::intValue).toArray();
        own = new boolean[rows.length];
        for (int k = 0; k < rows.length; k++) {
            own[k] = rows[k] == 0;
        }
        single = rest.stream().mapToInt(Integer::intValue).toArray();
    }

    /** dep[k] += the number of neighbours of voxel start + k whose level equals its own (a region voxel's level). */
    void countEqual(int[] g, int[] dep, int start, int len) {
        for (int r = 0; r < rows.length; r++) {
            int b = start + rows[r];
            if (radius == 1) {
                if (own[r]) {
                    for (int k = 0; k < len; k++) {
                        int c = g[start + k];
                        dep[k] += (((c ^ g[b + k - 1]) - 1) >>> 31) + (((c ^ g[b + k + 1]) - 1) >>> 31);
                    }
                } else {
                    for (int k = 0; k < len; k++) {
                        int c = g[start + k];
                        dep[k] += (((c ^ g[b + k - 1]) - 1) >>> 31) + (((c ^ g[b + k]) - 1) >>> 31)
                                + (((c ^ g[b + k + 1]) - 1) >>> 31);
                    }
                }
            } else if (own[r]) {
                for (int k = 0; k < len; k++) {
                    int c = g[start + k];
                    dep[k] += (((c ^ g[b + k - 2]) - 1) >>> 31) + (((c ^ g[b + k - 1]) - 1) >>> 31)
                            + (((c ^ g[b + k + 1]) - 1) >>> 31) + (((c ^ g[b + k + 2]) - 1) >>> 31);
                }
            } else {
                for (int k = 0; k < len; k++) {
                    int c = g[start + k];
                    dep[k] += (((c ^ g[b + k - 2]) - 1) >>> 31) + (((c ^ g[b + k - 1]) - 1) >>> 31)
                            + (((c ^ g[b + k]) - 1) >>> 31) + (((c ^ g[b + k + 1]) - 1) >>> 31)
                            + (((c ^ g[b + k + 2]) - 1) >>> 31);
                }
            }
        }
        for (int d : single) {
            int from = start + d;
            for (int k = 0; k < len; k++) {
                dep[k] += ((g[start + k] ^ g[from + k]) - 1) >>> 31;
            }
        }
    }
}
