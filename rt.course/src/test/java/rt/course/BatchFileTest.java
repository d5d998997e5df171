package rt.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class BatchFileTest {

    @Test
    void lines_become_flag_lists_with_quotes_comments_and_line_numbers(@TempDir Path tmp) throws Exception {
        Path list = tmp.resolve("sub/plans.txt");
        Files.createDirectories(list.getParent());
        Files.writeString(list, """
                # cohort A
                --rtstruct a/RS.dcm --rtdose a/RD.dcm

                  --rtstruct "my plan/RS 1.dcm" --rtdose '/abs/RD.dcm' --roi 'PTV 1'
                """);
        BatchFile b = BatchFile.read(list);
        assertEquals(2, b.entries().size());
        assertEquals(2, b.entries().get(0).line());
        assertEquals(List.of("--rtstruct", "a/RS.dcm", "--rtdose", "a/RD.dcm"), b.entries().get(0).args());
        assertEquals(4, b.entries().get(1).line());
        assertEquals(List.of("--rtstruct", "my plan/RS 1.dcm", "--rtdose", "/abs/RD.dcm", "--roi", "PTV 1"),
                b.entries().get(1).args());
        assertEquals(tmp.resolve("sub/a/RS.dcm").toAbsolutePath(), b.resolve("a/RS.dcm"));
        assertEquals(Path.of("/abs/RD.dcm"), b.resolve("/abs/RD.dcm"));
    }

    @Test
    void missing_empty_or_unclosed_lists_name_the_file(@TempDir Path tmp) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchFile.read(tmp.resolve("none.txt")));
        assertTrue(e.getMessage().contains("none.txt"), e.getMessage());
        Path empty = tmp.resolve("empty.txt");
        Files.writeString(empty, "# nothing\n\n");
        e = assertThrows(IllegalArgumentException.class, () -> BatchFile.read(empty));
        assertTrue(e.getMessage().contains("no inputs"), e.getMessage());
        Path open = tmp.resolve("open.txt");
        Files.writeString(open, "--image ok\n--image \"x\n");
        e = assertThrows(IllegalArgumentException.class, () -> BatchFile.read(open));
        assertTrue(e.getMessage().contains("open.txt line 2"), e.getMessage());
    }
}
