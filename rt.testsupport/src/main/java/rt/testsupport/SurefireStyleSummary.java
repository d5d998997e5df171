package rt.testsupport;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints one Surefire-style line per test class. {@code mvn -q} hides Surefire's own summary and the bnd tester
 * prints none, so without this a quiet build shows no test count at all.
 */
public final class SurefireStyleSummary implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SurefireStyleSummary.class);

    private record Counts(long start, AtomicInteger run, AtomicInteger failures, AtomicInteger errors,
            AtomicInteger skipped) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("counts", new Counts(System.nanoTime(), new AtomicInteger(), new AtomicInteger(),
                new AtomicInteger(), new AtomicInteger()));
    }

    private static Counts counts(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getParent().isPresent() && classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NS).get("counts", Counts.class);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        Counts c = counts(context);
        if (c != null) {
            c.run.incrementAndGet();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Counts c = counts(context);
        if (c != null) {
            c.run.incrementAndGet();
            (cause instanceof AssertionError ? c.failures : c.errors).incrementAndGet();
        }
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        Counts c = counts(context);
        if (c != null) {
            c.run.incrementAndGet();
            c.skipped.incrementAndGet();
        }
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        Counts c = counts(context);
        if (c != null) {
            c.run.incrementAndGet();
            c.skipped.incrementAndGet();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Counts c = context.getStore(NS).get("counts", Counts.class);
        if (c == null) {
            return;
        }
        boolean bad = c.failures.get() + c.errors.get() > 0;
        System.out.printf("[%s] Tests run: %d, Failures: %d, Errors: %d, Skipped: %d, Time elapsed: %.3f s%s -- in %s%n",
                bad ? "ERROR" : "INFO", c.run.get(), c.failures.get(), c.errors.get(), c.skipped.get(),
                (System.nanoTime() - c.start) / 1e9, bad ? " <<< FAILURE!" : "",
                context.getRequiredTestClass().getName());
    }
}
