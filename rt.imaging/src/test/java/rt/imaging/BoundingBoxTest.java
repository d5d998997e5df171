package rt.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundingBoxTest {

    /** Row by row against the box of every inside voxel's own coordinates, on sparse random masks. */
    @Test
    void sameAsEveryVoxelsCoordinates() {
        Random r = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int nx = 1 + r.nextInt(9);
            int ny = 1 + r.nextInt(9);
            int nz = 1 + r.nextInt(9);
            boolean[] in = new boolean[nx * ny * nz];
            int[] expected = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
            int voxels = r.nextInt(4);
            for (int v = 0; v < voxels; v++) {
                int x = r.nextInt(nx);
                int y = r.nextInt(ny);
                int z = r.nextInt(nz);
                in[x + nx * (y + ny * z)] = true;
                int[] c = {x, y, z};
                for (int d = 0; d < 3; d++) {
                    expected[d] = Math.min(expected[d], c[d]);
                    expected[d + 3] = Math.max(expected[d + 3], c[d]);
                }
            }
            if (voxels == 0) {
                assertNull(Masks.boundingBox(in, nx, ny, nz));
            } else {
                assertArrayEquals(expected, Masks.boundingBox(in, nx, ny, nz), nx + "x" + ny + "x" + nz);
            }
        }
    }
}
