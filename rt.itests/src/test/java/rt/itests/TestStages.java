package rt.itests;

import java.util.List;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;

/** Stages the tests register as plain services. */
final class TestStages {

    private TestStages() {
    }

    record Simple(String id, Scope scope, List<String> runsAfter) implements Stage {
        @Override
        public ResourceNeeds needs(Course course) {
            return ResourceNeeds.cpu(1);
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public StageResult run(StageContext context) {
            return StageResult.ok();
        }
    }

    /** Publishes a fixed list of courses, as the real organize stage publishes what it found. */
    record Organize(List<Course> courses) implements Stage {
        @Override
        public String id() {
            return "organize";
        }

        @Override
        public List<String> runsAfter() {
            return List.of();
        }

        @Override
        public Scope scope() {
            return Scope.COHORT;
        }

        @Override
        public ResourceNeeds needs(Course course) {
            return ResourceNeeds.cpu(1);
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public StageResult run(StageContext context) {
            context.publishCourses(courses);
            return StageResult.ok();
        }
    }
}
