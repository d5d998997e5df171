package rt.runtime.internal.run;

import java.util.List;
import rt.api.ConfigKey;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;

/** A configurable fake stage for scheduler tests. */
public final class TestStage implements Stage {

    public interface Body {
        StageResult run(StageContext ctx) throws Exception;
    }

    private final String id;
    private final Scope scope;
    private final List<String> after;
    private volatile java.util.function.Function<Course, ResourceNeeds> needs = c -> ResourceNeeds.cpu(1);
    private volatile String version = "1";
    private volatile List<ConfigKey> keys = List.of();
    private volatile Body body = ctx -> StageResult.ok();
    private volatile String fingerprint;
    private volatile java.util.Set<String> produces = java.util.Set.of();
    private volatile java.util.Set<String> consumes = java.util.Set.of();
    private volatile List<String> outputPaths = List.of();

    public TestStage(String id, Scope scope, String... after) {
        this.id = id;
        this.scope = scope;
        this.after = List.of(after);
    }

    public static TestStage course(String id, String... after) {
        return new TestStage(id, Scope.COURSE, after);
    }

    public TestStage body(Body b) {
        body = b;
        return this;
    }

    /** Kinds of output this stage produces for others ({@link rt.api.Artifact}). */
    public TestStage produces(String... kinds) {
        produces = java.util.Set.of(kinds);
        return this;
    }

    /** Kinds of output this stage reads when they exist. */
    public TestStage consumes(String... kinds) {
        consumes = java.util.Set.of(kinds);
        return this;
    }

    /** Where the stage writes in its course folder ({@link rt.api.Stage#outputPaths()}). */
    public TestStage outputs(String... paths) {
        outputPaths = List.of(paths);
        return this;
    }

    @Override
    public List<String> outputPaths() {
        return outputPaths;
    }

    @Override
    public java.util.Set<String> produces() {
        return produces;
    }

    @Override
    public java.util.Set<String> consumes() {
        return consumes;
    }

    /** Needs that depend on the course. */
    public TestStage needsOf(java.util.function.Function<Course, ResourceNeeds> n) {
        needs = n;
        return this;
    }

    public TestStage needs(ResourceNeeds n) {
        needs = c -> n;
        return this;
    }

    public TestStage version(String v) {
        version = v;
        return this;
    }

    /** A fixed input fingerprint (null: the runtime's default). */
    public TestStage fingerprint(String f) {
        fingerprint = f;
        return this;
    }

    @Override
    public String inputFingerprint(StageContext context) {
        return fingerprint;
    }

    public TestStage keys(ConfigKey... k) {
        keys = List.of(k);
        return this;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> runsAfter() {
        return after;
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        return needs.apply(course);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return keys;
    }

    @Override
    public StageResult run(StageContext context) throws Exception {
        return body.run(context);
    }
}
