package rt.runtime.internal.run;

import rt.api.course.Course;

/** What a task runs on: the whole cohort (cohort-scope stages) or one course. */
sealed interface Unit permits Unit.Cohort, Unit.OfCourse {

    Cohort COHORT = new Cohort();

    /** {@code patient/course}, or {@code cohort}. */
    String key();

    /** The course for a stage's context; {@code null} for the cohort, as {@link rt.api.StageContext#course()} says. */
    Course courseOrNull();

    record Cohort() implements Unit {
        @Override
        public String key() {
            return "cohort";
        }

        @Override
        public Course courseOrNull() {
            return null;
        }
    }

    record OfCourse(Course course) implements Unit {
        @Override
        public String key() {
            return course.key();
        }

        @Override
        public Course courseOrNull() {
            return course;
        }
    }
}
