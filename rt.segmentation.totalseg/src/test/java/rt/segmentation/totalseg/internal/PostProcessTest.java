package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.segmentation.engine.ModelDescriptor.PostStep;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class PostProcessTest {

    static final short LUNG = 2;
    static final short BODY = 1;

    /** 80 x 40 x 24 voxels of 1 mm: a solid 20 mm cube of lung and a larger hollow box with 2 mm lung walls. */
    private static short[] cubeAndShell(Grid g) {
        short[] labels = new short[(int) g.voxelCount()];
        for (int k = 2; k < 22; k++) {
            for (int j = 5; j < 35; j++) {
                for (int i = 0; i < g.nx(); i++) {
                    boolean cube = i >= 5 && i < 25 && j >= 10 && j < 30;
                    boolean box = i >= 35 && i < 75;
                    boolean wall = box && (i < 37 || i >= 73 || j < 7 || j >= 33 || k < 4 || k >= 20);
                    if (cube || wall) {
                        labels[g.index(i, j, k)] = LUNG;
                    }
                }
            }
        }
        return labels;
    }

    private static long count(short[] labels, short label, int i0, int i1, Grid g) {
        long n = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = i0; i < i1; i++) {
                    n += labels[g.index(i, j, k)] == label ? 1 : 0;
                }
            }
        }
        return n;
    }

    @Test
    void keepLargestRanksBySizeAndDropsThinComponentsBelowTheDepth() {
        Grid g = Grid.axisAligned(80, 40, 24, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        short[] bySize = cubeAndShell(g);
        long shell = count(bySize, LUNG, 35, 80, g);
        PostProcess.apply(bySize, g, List.of(new PostStep("keep_largest", Map.of("label", 2, "count", 1,
                "replace_with", 1))));
        assertEquals(shell, count(bySize, LUNG, 35, 80, g), "the shell is the larger component");
        assertEquals(0, count(bySize, LUNG, 0, 35, g));
        assertEquals(8000, count(bySize, BODY, 0, 35, g));

        // the cube is 10 mm deep at its centre, the 2 mm walls 1 mm: only the cube passes a 7.5 mm depth
        short[] byDepth = cubeAndShell(g);
        PostProcess.apply(byDepth, g, List.of(new PostStep("keep_largest", Map.of("label", 2, "count", 2,
                "min_depth_mm", 7.5, "replace_with", 1))));
        assertEquals(8000, count(byDepth, LUNG, 0, 35, g));
        assertEquals(0, count(byDepth, LUNG, 35, 80, g));
        assertEquals(shell, count(byDepth, BODY, 35, 80, g));
    }
}
