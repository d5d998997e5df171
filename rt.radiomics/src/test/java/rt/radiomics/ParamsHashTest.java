package rt.radiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** settings_hash: the same parameters give the same hash whatever the order of their keys or number spelling. */
class ParamsHashTest {

    @Test
    void equalParametersInAnotherOrderHashEqualAndAChangedValueDoesNot() {
        RadiomicsParams a = RadiomicsParams.parse("""
                imageType: {Original: {}, LoG: {sigma: [1.0, 2.0]}}
                featureClass: {firstorder: [], glcm: []}
                setting: {binWidth: 25, label: 1, interpolator: sitkBSpline}
                """);
        RadiomicsParams b = RadiomicsParams.parse("""
                setting: {interpolator: sitkBSpline, label: 1, binWidth: 25.0}
                featureClass: {glcm: [], firstorder: []}
                imageType: {LoG: {sigma: [1, 2]}, Original: {}}
                """);
        assertEquals(a.hash(), b.hash());
        assertNotEquals(a.hash(), a.withSetting("binWidth", 10).hash());
    }
}
