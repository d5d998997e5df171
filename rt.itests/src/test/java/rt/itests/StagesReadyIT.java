package rt.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.condition.Condition;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import rt.api.Stage;
import rt.testsupport.SurefireStyleSummary;

/**
 * Readiness by signal: the runtime registers the condition {@code rt.stages.ready}, and when it is there every active
 * bundle that declares a Stage service has registered one, and rt:stages lists them.
 */
@ExtendWith(SurefireStyleSummary.class)
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class StagesReadyIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    CommandProcessor gogo;

    @InjectService(filter = "(osgi.condition.id=rt.stages.ready)", timeout = 30_000)
    Condition ready;

    @Test
    void whenTheConditionIsRegisteredEveryDeclaredStageIsRegisteredAndListed() throws Exception {
        assertNotNull(ready);
        List<String> declaring = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            BundleRevision rev = b.adapt(BundleRevision.class);
            if (b.getState() != Bundle.ACTIVE || rev == null) {
                continue;
            }
            for (BundleCapability c : rev.getDeclaredCapabilities("osgi.service")) {
                if (c.getAttributes().get("objectClass") instanceof List<?> l && l.contains(Stage.class.getName())) {
                    declaring.add(b.getSymbolicName());
                    ServiceReference<?>[] regs = b.getRegisteredServices();
                    boolean any = false;
                    for (ServiceReference<?> r : regs == null ? new ServiceReference<?>[0] : regs) {
                        any |= List.of((String[]) r.getProperty("objectClass")).contains(Stage.class.getName());
                    }
                    assertTrue(any, b.getSymbolicName() + " declares a Stage but registered none");
                }
            }
        }
        assertTrue(declaring.contains("rt.segmentation.totalseg"), declaring::toString);
        Gogo.Result stages = Gogo.execute(gogo, "rt:stages");
        assertEquals(0, stages.exit(), stages.output());
        assertTrue(stages.output().lines().anyMatch(l -> l.startsWith("segmentation ")), stages.output());
    }
}
