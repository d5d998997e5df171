package rt.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

/** Every file of the shared reference data parses, or is rejected with a one-line reason naming the file. */
@ExtendWith(SurefireStyleSummary.class)
class RefDataParseTest {

    @Test
    void every_reference_file_parses_or_is_rejected_in_one_line() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(RefData.root())) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(files.size() > 100, "reference data should hold over 100 files");
        int parsed = 0;
        int rejected = 0;
        for (Path f : files) {
            boolean dcm = f.getFileName().toString().toLowerCase().endsWith(".dcm");
            try {
                DicomFile full = DicomReader.read(f);
                DicomFile header = DicomReader.readHeader(f);
                assertTrue(full.dataset().size() > 0, f + " has no attributes");
                assertEquals(full.dataset().getString(Tag.SOPInstanceUID),
                        header.dataset().getString(Tag.SOPInstanceUID), f.toString());
                parsed++;
            } catch (DicomException e) {
                if (dcm) {
                    fail(f + " should parse: " + e.getMessage());
                }
                assertFalse(e.getMessage().contains("\n"), "one-line reason: " + e.getMessage());
                assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
                rejected++;
            }
        }
        assertTrue(parsed >= 100, "parsed " + parsed);
        assertTrue(rejected > 0, "non-DICOM files are rejected");
    }
}
