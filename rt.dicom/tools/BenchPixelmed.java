// Same benchmark as rt.dicom.bench.DicomBench with PixelMed (Debian libpixelmed-java). Not compiled by Maven:
//   java -cp /usr/share/java/pixelmed.jar rt.dicom/tools/BenchPixelmed.java ../shared/refdata [RTSTRUCT files...]
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;

public class BenchPixelmed {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "../shared/refdata");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        for (int w = 0; w < 5; w++) scan(files);
        int rounds = 10;
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) scan(files);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "pixelmed header scan: %d files x %d rounds: %.0f files/s%n", files.size(), rounds, files.size() * rounds / s);
        List<Path> structs = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) structs.add(Path.of(args[i]));
        if (structs.isEmpty()) structs.add(root.resolve("dicompyler-core/rtss.dcm"));
        for (Path rtss : structs) {
            double mb = Files.size(rtss) / 1e6;
            for (int w = 0; w < 5; w++) parse(rtss);
            int n = 20;
            t0 = System.nanoTime();
            for (int r = 0; r < n; r++) parse(rtss);
            s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "pixelmed %s %.2f MB parse + all contour doubles: %.1f ms/file, %.1f MB/s%n", rtss.getFileName(), mb, s * 1000 / n, mb * n / s);
        }
    }

    static void scan(List<Path> files) throws Exception {
        for (Path f : files) {
            AttributeList l = new AttributeList();
            try {
                l.read(f.toString(), TagFromName.PixelData);
            } catch (Exception e) {
                // pixelmed rejects some files; count them as scanned
            }
            Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID);
        }
    }

    static long parse(Path f) throws Exception {
        AttributeList l = new AttributeList();
        l.read(f.toString());
        long n = 0;
        SequenceAttribute rcs = (SequenceAttribute) l.get(new com.pixelmed.dicom.AttributeTag(0x3006, 0x0039));
        for (int i = 0; i < rcs.getNumberOfItems(); i++) {
            SequenceAttribute cs = (SequenceAttribute) rcs.getItem(i).getAttributeList().get(new com.pixelmed.dicom.AttributeTag(0x3006, 0x0040));
            if (cs == null) continue;
            for (int j = 0; j < cs.getNumberOfItems(); j++) {
                Attribute cd = cs.getItem(j).getAttributeList().get(new com.pixelmed.dicom.AttributeTag(0x3006, 0x0050));
                n += cd.getDoubleValues().length;
            }
        }
        return n;
    }
}
