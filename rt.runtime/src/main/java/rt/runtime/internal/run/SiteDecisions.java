package rt.runtime.internal.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import rt.api.course.Course;
import rt.api.course.CourseAttributes;
import rt.course.CourseFolder;
import rt.course.CourseRecord;

/**
 * Each course's site from the site profiles (a configured profile wins over organize's guess), recorded with the rule
 * that chose it in {@code course.json} and in the manifest.
 */
final class SiteDecisions {

    private SiteDecisions() {
    }

    /**
     * When organize publishes: every course's decision is recorded (organize has just written course.json) and the
     * manifest written, inside organize's task, so that its recorded outputs hold them.
     */
    static List<Course> onPublish(RunOptions options, List<Course> published) throws IOException {
        List<Course> decided = published.stream().map(options.sites()::apply).toList();
        for (Course c : decided) {
            record(options, c);
        }
        Manifest.write(options.outputRoot(), decided);
        return decided;
    }

    /**
     * On resume (the manifest of an earlier run): only decisions that the profiles now change are written, so an
     * unchanged rerun reads no course.json and writes nothing.
     */
    static List<Course> onResume(RunOptions options, List<Course> recorded) throws IOException {
        List<Course> decided = new ArrayList<>();
        boolean changed = false;
        for (Course c : recorded) {
            Course d = options.sites().apply(c);
            if (!d.equals(c)) {
                record(options, d);
                changed = true;
            }
            decided.add(d);
        }
        if (changed) {
            Manifest.write(options.outputRoot(), decided);
        }
        return List.copyOf(decided);
    }

    private static void record(RunOptions options, Course c) throws IOException {
        CourseRecord.recordSite(CourseFolder.of(options.outputRoot(), c.folder()), c.site(),
                c.attributes().get(CourseAttributes.SITE_RULE));
    }
}
