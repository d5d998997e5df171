package rt.organize.internal.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A first guess of the treatment site for site profiles: BodyPartExamined when the CT states it, else a keyword in
 * the plan labels/names, else in the structure names. The raw facts stay in the course attributes, so site rules of
 * the runtime can decide otherwise.
 */
public record SiteGuess(String site, String reason) {

    private static final Map<String, Pattern> KEYWORDS = new LinkedHashMap<>();

    static {
        KEYWORDS.put("prostate", Pattern.compile("prostat|\\bprost\\b|seminal"));
        KEYWORDS.put("pelvis", Pattern.compile("pelvi|rect(um|al)\\b|cervix|uter|bladder|gyn|endomet|vulva|anal\\b"));
        KEYWORDS.put("breast", Pattern.compile("breast|mamm|\\bbrst\\b|chest ?wall"));
        KEYWORDS.put("thorax", Pattern.compile("lung|thora|chest|mediast|oesoph|esoph|\\bnsclc\\b"));
        KEYWORDS.put("head_neck", Pattern.compile("head|neck|\\bh&n\\b|\\bhn\\b|laryn|pharyn|parotid|oral"));
        KEYWORDS.put("brain", Pattern.compile("brain|cranial|\\bgbm\\b|glioma|\\bwbrt\\b|cerebr"));
        KEYWORDS.put("abdomen", Pattern.compile("abdom|liver|pancrea|stomach|gastric|kidney|renal"));
    }

    public static SiteGuess of(String bodyPart, List<String> planLabels, List<String> planNames,
            List<String> structureNames) {
        if (bodyPart != null && !bodyPart.isBlank()) {
            String b = bodyPart.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
            String mapped = match(b.replace('_', ' '));
            return new SiteGuess(mapped != null ? mapped : b, "BodyPartExamined '" + bodyPart.trim() + "'");
        }
        String fromPlan = match(String.join(" ", planLabels) + " " + String.join(" ", planNames));
        if (fromPlan != null) {
            return new SiteGuess(fromPlan, "keyword in plan label/name '" + String.join("|", planLabels) + " "
                    + String.join("|", planNames) + "'");
        }
        String fromRois = match(String.join(" ", structureNames));
        if (fromRois != null) {
            return new SiteGuess(fromRois, "keyword in structure names");
        }
        return new SiteGuess(null, "no BodyPartExamined and no site keyword in plan or structure names");
    }

    private static String match(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace('_', ' ');
        for (Map.Entry<String, Pattern> e : KEYWORDS.entrySet()) {
            if (e.getValue().matcher(t).find()) {
                return e.getKey();
            }
        }
        return null;
    }
}
