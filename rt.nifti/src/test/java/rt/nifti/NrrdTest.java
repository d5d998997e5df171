package rt.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class NrrdTest {

    @TempDir
    Path dir;

    private static final String RAS_HEADER = "NRRD0004\n# hand-made\ntype: float\ndimension: 3\n"
            + "space: right-anterior-superior\nsizes: 2 1 2\n"
            + "space directions: (-2,0,0) (0,3,0) (0,0,4)\nkinds: domain domain domain\n";

    @Test
    void rasSpaceBecomesLpsForEveryEncoding() throws IOException {
        float[] values = {1.5f, -2, 3, 4};
        ByteBuffer le = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer be = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        for (float v : values) {
            le.putFloat(v);
            be.putFloat(v);
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(le.array());
        }
        String origin = "space origin: (10,20,30)\n";
        byte[][] files = {
            concat(RAS_HEADER + origin + "endian: little\nencoding: raw\n\n", le.array()),
            concat(RAS_HEADER + origin + "endian: big\nencoding: raw\n\n", be.array()),
            concat(RAS_HEADER + origin + "endian: little\nencoding: gzip\n\n", gz.toByteArray()),
            concat(RAS_HEADER + origin + "encoding: ascii\n\n", "1.5 -2\n3 4\n".getBytes(StandardCharsets.US_ASCII))};
        for (byte[] content : files) {
            Path f = dir.resolve("x.nrrd");
            Files.write(f, content);
            Volume v = Nrrd.readVolume(f, Quantity.OTHER);
            Grid g = v.grid();
            assertArrayEquals(new double[] {2, 3, 4}, g.spacing(), 1e-12);
            // RAS (-2,0,0) = LPS (2,0,0); RAS (0,3,0) = LPS (0,-3,0); origin RAS (10,20,30) = LPS (-10,-20,30).
            assertArrayEquals(new double[] {1, 0, 0, 0, -1, 0, 0, 0, 1}, g.direction(), 1e-12);
            assertArrayEquals(new double[] {-10, -20, 30}, g.origin(), 1e-12);
            assertArrayEquals(values, v.voxels(), 0f);
        }
    }

    @Test
    void detachedHeaderReadsItsDataFile() throws IOException {
        ByteBuffer le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        le.putShort((short) 1).putShort((short) 2).putShort((short) 3).putShort((short) 4);
        Files.write(dir.resolve("x.raw"), le.array());
        Path f = dir.resolve("x.nhdr");
        Files.writeString(f, "NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 1\nspacings: 0.5 0.25 2\n"
                + "endian: little\nencoding: raw\ndata file: x.raw\n");
        Volume v = ImageFiles.readVolume(f, Quantity.OTHER);
        assertArrayEquals(new double[] {0.5, 0.25, 2}, v.grid().spacing(), 1e-12);
        assertArrayEquals(new float[] {1, 2, 3, 4}, v.voxels(), 0f);
    }

    @Test
    void badNrrdGivesOneLineErrors() throws IOException {
        String[] bad = {"NRRD0004\ntype: float\ndimension: 3\nsizes: 2 2 2\nencoding: raw\n\n",
            "NRRD0004\ntype: block\ndimension: 3\nsizes: 2 2 2\nencoding: raw\n\n",
            "NRRD0004\ntype: float\ndimension: 3\nsizes: 2 2\nencoding: raw\n\n",
            "NRRD0004\ntype: float\ndimension: 3\nsizes: 1 1 1\nencoding: bzip2\n\n\0\0\0\0",
            "NRRD0004\ntype: float\ndimension: 3\nsizes: 1 1 1\nspace: weird\nspace directions: (1,0,0) (0,1,0) (0,0,1)\n"
                + "encoding: raw\n\n\0\0\0\0",
            "P6 not a nrrd"};
        for (String s : bad) {
            Path f = dir.resolve("bad.nrrd");
            Files.writeString(f, s, StandardCharsets.ISO_8859_1);
            IOException e = assertThrows(ImageFormatException.class, () -> Nrrd.readVolume(f, Quantity.OTHER));
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        }
    }

    private static byte[] concat(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + data.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(data, 0, out, h.length, data.length);
        return out;
    }
}
