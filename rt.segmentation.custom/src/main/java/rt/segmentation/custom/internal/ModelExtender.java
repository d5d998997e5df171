package rt.segmentation.custom.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import rt.api.Stage;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationService;

/**
 * The extender: every active bundle whose manifest has {@code RT-Model: <path to model.yaml>} becomes a
 * {@link SegmentationModel} service (listed by {@code rt:models}, usable by {@code rt:segment}) and a Stage
 * {@code segmentation.custom:<name>}; both are withdrawn when the bundle stops or is uninstalled.
 */
@Component(immediate = true)
public final class ModelExtender implements BundleTrackerCustomizer<List<ServiceRegistration<?>>> {

    private final BundleContext context;
    private final SegmentationService engine;
    private final BundleTracker<List<ServiceRegistration<?>>> tracker;

    @Activate
    public ModelExtender(BundleContext context, @Reference SegmentationService engine) {
        this.context = context;
        this.engine = engine;
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, this);
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    @Override
    public List<ServiceRegistration<?>> addingBundle(Bundle bundle, BundleEvent event) {
        String header = bundle.getHeaders("").get(SegmentationModel.BUNDLE_HEADER);
        if (header == null || header.isBlank()) {
            return null;
        }
        SegmentationModel model;
        try {
            BundleModelSource source = new BundleModelSource(bundle, header);
            model = new SegmentationModel(engine.load(source).descriptor(), source, "bundle");
        } catch (Exception e) {
            System.err.println("[segmentation.custom] WARNING model bundle " + bundle.getSymbolicName() + " "
                    + bundle.getVersion() + " ignored: " + e.getMessage());
            return null;
        }
        List<ServiceRegistration<?>> regs = new ArrayList<>();
        Dictionary<String, Object> mp = new Hashtable<>();
        mp.put(SegmentationModel.NAME_PROPERTY, model.name());
        mp.put("rt.model.bundle", bundle.getSymbolicName());
        regs.add(context.registerService(SegmentationModel.class, model, mp));
        CustomModelStage stage = new CustomModelStage(engine, model, bundle.getVersion().toString());
        Dictionary<String, Object> sp = new Hashtable<>();
        sp.put(Stage.ID_PROPERTY, stage.id());
        sp.put(SegmentationModel.NAME_PROPERTY, model.name());
        regs.add(context.registerService(Stage.class, stage, sp));
        announce("model " + model.name() + " from " + model.source().location() + " -> stage " + stage.id());
        return regs;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<?>> regs) {
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<?>> regs) {
        for (ServiceRegistration<?> r : regs) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already unregistered (framework stopping)
            }
        }
        announce("model bundle " + bundle.getSymbolicName() + " withdrawn");
    }

    /**
     * Tells the interactive user that a model came or went (hot drop-in); silent in headless commands, whose standard
     * output may be data (CSV) and where every start would repeat the same line.
     */
    private void announce(String message) {
        if (!"true".equals(context.getProperty("rt.headless"))) {
            System.err.println("[segmentation.custom] " + message);
        }
    }
}
