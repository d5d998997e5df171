package rt.dvh.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class CsvFormulaTest {

    @Test
    void formulaLikeTextIsWrittenAsTextAndNumbersStayNumbers() {
        assertEquals("'=HYPERLINK(x),'@SUM(A1),'+1+1,'-2+3,'\tTAB,-1.5,1e-3,PTV,NUL\uFFFDID\n",
                DvhTable.csvLine(List.of("=HYPERLINK(x)", "@SUM(A1)", "+1+1", "-2+3", "\tTAB", "-1.5", "1e-3", "PTV",
                        "NUL\0ID")));
        assertEquals("\"'=A,B\"\n", DvhTable.csvLine(List.of("=A,B")));
    }
}
