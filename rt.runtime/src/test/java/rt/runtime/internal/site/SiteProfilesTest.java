package rt.runtime.internal.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.course.Course;
import rt.api.course.CourseAttributes;
import rt.runtime.internal.config.ConfigException;
import rt.testsupport.SurefireStyleSummary;

/** Rules over the attribute keys organize writes ({@link CourseAttributes}); see SiteProfilesIT for organize's output. */
@ExtendWith(SurefireStyleSummary.class)
class SiteProfilesTest {

    private static Course course(String guess, Map<String, String> attributes) {
        Map<String, String> a = new LinkedHashMap<>(attributes);
        if (guess != null) {
            a.put(CourseAttributes.SITE_GUESS, guess);
            a.put(CourseAttributes.SITE_RULE, "organize guess: BodyPartExamined 'CHEST'");
        }
        return new Course("P", "C", "P/C", guess, 1, null, null, null, null, List.of(), a);
    }

    private static SiteProfiles profiles(String yamlLikeSite, Map<String, Object> body) {
        Map<String, Object> sites = new LinkedHashMap<>();
        sites.put(yamlLikeSite, body);
        return new SiteProfiles(sites);
    }

    @Test
    void aConfiguredProfileWinsOverOrganizesGuessAndSaysWhy() {
        SiteProfiles p = profiles("prostate", Map.of("plan_label", "(?i)prost", "stages", List.of("dvh")));
        Course c = p.apply(course("thorax", Map.of(CourseAttributes.PLAN_LABELS, "THORAX|Prost VMAT")));
        assertEquals("prostate", c.site());
        assertEquals("profile 'prostate': plan_label /(?i)prost/ matched 'Prost VMAT'",
                c.attributes().get(CourseAttributes.SITE_RULE));
        assertTrue(p.allows("prostate", "dvh") && !p.allows("prostate", "radiomics"));
        assertTrue(p.allows("thorax", "radiomics"), "a site without a profile runs every stage");
    }

    @Test
    void eachAttributeKindIsMatchedValueByValue() {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("body_part", "^PELVIS$");
        SiteProfiles bp = profiles("pelvis", rules);
        assertEquals("pelvis", bp.siteOf(course(null, Map.of(CourseAttributes.BODY_PART_EXAMINED, "PELVIS"))));
        assertEquals(null, bp.siteOf(course(null, Map.of(CourseAttributes.BODY_PART_EXAMINED, "ABDOMENPELVIS"))));
        SiteProfiles roi = profiles("hn", Map.of("structures", "^PAROTID_L$"));
        assertEquals("hn", roi.siteOf(course(null, Map.of(CourseAttributes.STRUCTURE_NAMES, "BODY|PAROTID_L|PTV"))));
        assertEquals(null, roi.siteOf(course(null, Map.of(CourseAttributes.STRUCTURE_NAMES, "BODY|PAROTID_L2"))));
        SiteProfiles name = profiles("brain", Map.of("plan_name", "SRS"));
        assertEquals("brain", name.siteOf(course(null, Map.of(CourseAttributes.PLAN_NAMES, "SRS met 1"))));
        assertEquals(null, name.siteOf(course(null, Map.of(CourseAttributes.PLAN_LABELS, "SRS met 1"))),
                "plan_name reads names only");
    }

    @Test
    void withoutAMatchingProfileOrganizesGuessStays() {
        SiteProfiles p = profiles("prostate", Map.of("body_part", "PELVIS"));
        Course c = p.apply(course("thorax", Map.of(CourseAttributes.BODY_PART_EXAMINED, "CHEST")));
        assertEquals("thorax", c.site());
        assertEquals("organize guess: BodyPartExamined 'CHEST'", c.attributes().get(CourseAttributes.SITE_RULE));
        Course none = p.apply(course(null, Map.of()));
        assertEquals(null, none.site());
        assertEquals("no site profile matched, no guess", none.attributes().get(CourseAttributes.SITE_RULE));
    }

    @Test
    void badRulesAreConfigurationErrorsNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> profiles("x", Map.of("body_part", "(")));
        assertTrue(e.getMessage().contains("sites.x.body_part"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> profiles("x", Map.of("plan", "a")));
        assertTrue(e.getMessage().contains("sites.x.plan"), e.getMessage());
    }
}
