package rt.segmentation.totalseg.internal;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import rt.segmentation.engine.ModelDescriptor.Part;
import rt.segmentation.engine.ModelSource;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;

/**
 * ONNX Runtime sessions kept across segmentations, one per (model source, fold, requested device, threads), so that a
 * cohort pays session creation (model parsing, graph optimisation, CUDA initialisation) once per model, not once per
 * course. A session is shared: {@code OrtSession.run} is thread-safe, and every {@link OrtNetwork} has its own
 * input/output buffers. Sessions of a withdrawn model ({@link #evict}) or of a closed cache are closed as soon as no
 * running segmentation uses them. Model sources are compared by identity: a model bundle installed again or a model
 * folder read again is a new source with new sessions.
 */
public final class OrtSessions implements AutoCloseable {

    /** Cache key; {@code source} by identity; {@code device} where the session runs ({@code cpu}, {@code cuda:N}). */
    private record Key(IdentityOf source, String fold, String device, int threads) {
    }

    /** Identity wrapper (a {@link ModelSource} may define equals). */
    private record IdentityOf(ModelSource source) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityOf other && other.source == source;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(source);
        }
    }

    /** A cached session, its device and how many networks use it now. */
    private static final class Shared {
        final OrtSession session;
        final String device;
        int users;
        boolean retired;

        Shared(OrtSession session, String device) {
            this.session = session;
            this.device = device;
        }
    }

    private final Map<Key, Shared> sessions = new HashMap<>();
    private boolean closed;
    private long created;

    /**
     * A network of one fold on the cached session (created on first use); closing the network releases the
     * session, it does not close it.
     */
    public OrtNetwork open(SegmentationModel model, Part part, String fold, SegmentOptions options,
            Consumer<String> warn) throws Exception {
        String where = model.source().location() + "/" + fold;
        String runsOn = OrtNetwork.provider(options.device(), options.cudaDevice(), OrtNetwork.cudaAvailable());
        Shared s = acquire(new Key(new IdentityOf(model.source()), fold, runsOn, options.threads()),
                () -> model.source().read(fold), options, warn, where);
        try {
            return new OrtNetwork(s.session, s.device, model.descriptor().patchSize(), part.channels(),
                    part.inputName(), part.outputName(), where, () -> release(s));
        } catch (RuntimeException | OrtException e) {
            release(s);
            throw e;
        }
    }

    private interface Bytes {
        byte[] read() throws java.io.IOException;
    }

    private synchronized Shared acquire(Key key, Bytes bytes, SegmentOptions options, Consumer<String> warn,
            String where) throws Exception {
        if (closed) {
            throw new IllegalStateException("the segmentation engine is shutting down; " + where + " not opened");
        }
        Shared s = sessions.get(key);
        if (s == null) {
            String[] device = new String[1];
            OrtSession session = OrtNetwork.createSession(bytes.read(), options.threads(), options.device(),
                    options.cudaDevice(), warn, where, device);
            s = new Shared(session, device[0]);
            sessions.put(key, s);
            created++;
        }
        s.users++;
        return s;
    }

    private synchronized void release(Shared s) {
        s.users--;
        if (s.retired && s.users == 0) {
            closeQuietly(s);
        }
    }

    /** Closes (now, or when their last user finishes) the sessions of a model that was withdrawn or re-read. */
    public synchronized void evict(ModelSource source) {
        List<Key> gone = new ArrayList<>();
        for (Key k : sessions.keySet()) {
            if (k.source().source() == source) {
                gone.add(k);
            }
        }
        for (Key k : gone) {
            retire(sessions.remove(k));
        }
    }

    /** Sessions created since this cache was made (a second segmentation of a model adds none). */
    public synchronized long created() {
        return created;
    }

    /** Sessions held now. */
    public synchronized int size() {
        return sessions.size();
    }

    /** Closes every session (those in use when their segmentation ends); later opens fail. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Shared s : sessions.values()) {
            retire(s);
        }
        sessions.clear();
    }

    private void retire(Shared s) {
        s.retired = true;
        if (s.users == 0) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Shared s) {
        try {
            s.session.close();
        } catch (OrtException e) {
            // closing only fails when already closed
        }
    }
}
