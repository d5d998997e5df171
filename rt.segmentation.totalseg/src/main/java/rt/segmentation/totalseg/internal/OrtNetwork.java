package rt.segmentation.totalseg.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A fold's ONNX session with zero-copy input (a direct native-order buffer wrapped once as a tensor) and a pinned
 * output (a preallocated direct tensor that {@code session.run} writes into), so a tile costs no Java allocation.
 */
public final class OrtNetwork implements TileNetwork {

    private final OrtSession session;
    private final FloatBuffer input;
    private final FloatBuffer output;
    private final OnnxTensor inputTensor;
    private final OnnxTensor outputTensor;
    private final String inputName;
    private final String outputName;
    private final int channels;
    private final String device;
    private final Runnable onClose;

    /**
     * A network with a session of its own, closed with it.
     *
     * @param model     ONNX bytes
     * @param patch     patch size (d0, d1, d2)
     * @param channels  expected output channels
     * @param threads   intra-op threads
     * @param device    {@code cpu}, {@code cuda} or {@code auto}
     * @param cudaDevice CUDA device ordinal when on CUDA
     * @param warn      receives warnings (CUDA requested but absent)
     * @param where     the model file, for messages
     */
    public OrtNetwork(byte[] model, int[] patch, int channels, String inputName, String outputName, int threads,
            String device, int cudaDevice, Consumer<String> warn, String where) throws OrtException {
        this(ownedSession(model, threads, device, cudaDevice, warn, where), patch, channels, inputName,
                outputName, where);
    }

    /** A network with a session of its own on CPU or CUDA device 0. */
    public OrtNetwork(byte[] model, int[] patch, int channels, String inputName, String outputName, int threads,
            String device, Consumer<String> warn, String where) throws OrtException {
        this(model, patch, channels, inputName, outputName, threads, device, 0, warn, where);
    }

    private OrtNetwork(SessionAndDevice s, int[] patch, int channels, String inputName, String outputName,
            String where) throws OrtException {
        this(s.session, s.device, patch, channels, inputName, outputName, where, () -> {
            try {
                s.session.close();
            } catch (OrtException e) {
                // closing a session only fails if it was already closed
            }
        });
    }

    /**
     * A network on a session it does not own (from {@link OrtSessions}).
     *
     * @param device  the provider the session was created with
     * @param onClose runs when this network is closed (releases or closes the session)
     */
    OrtNetwork(OrtSession session, String device, int[] patch, int channels, String inputName, String outputName,
            String where, Runnable onClose) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        this.session = session;
        this.device = device;
        this.onClose = onClose;
        this.inputName = inputName != null ? inputName : session.getInputNames().iterator().next();
        this.outputName = outputName != null ? outputName : session.getOutputNames().iterator().next();
        if (!session.getInputNames().contains(this.inputName)) {
            throw new IllegalArgumentException(where + ": no input named " + this.inputName);
        }
        NodeInfo out = session.getOutputInfo().get(this.outputName);
        if (out == null) {
            throw new IllegalArgumentException(where + ": no output named " + this.outputName);
        }
        long[] outShape = ((TensorInfo) out.getInfo()).getShape();
        if (outShape.length != 5 || (outShape[1] > 0 && outShape[1] != channels)) {
            throw new IllegalArgumentException(where + ": output shape " + java.util.Arrays.toString(outShape)
                    + " does not match " + channels + " channels (expected [1, C, X, Y, Z])");
        }
        this.channels = channels;
        int voxels = patch[0] * patch[1] * patch[2];
        this.input = ByteBuffer.allocateDirect(voxels * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.output = ByteBuffer.allocateDirect(voxels * channels * 4).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        this.inputTensor = OnnxTensor.createTensor(env, input, new long[] {1, 1, patch[0], patch[1], patch[2]});
        this.outputTensor = OnnxTensor.createTensor(env, output,
                new long[] {1, channels, patch[0], patch[1], patch[2]});
    }

    private record SessionAndDevice(OrtSession session, String device) {
    }

    private static SessionAndDevice ownedSession(byte[] model, int threads, String device, int cudaDevice,
            Consumer<String> warn, String where) throws OrtException {
        String[] used = new String[1];
        OrtSession s = createSession(model, threads, device, cudaDevice, warn, where, used);
        return new SessionAndDevice(s, used[0]);
    }

    /**
     * Creates a session: {@code threads} intra-op threads, no spinning, CUDA device {@code cudaDevice} when asked for
     * ({@code cuda}/{@code auto}) and present (else CPU, with a warning for {@code cuda}). Out: {@code usedDevice[0]}
     * = {@code cpu} or {@code cuda:N}.
     */
    static OrtSession createSession(byte[] model, int threads, String device, int cudaDevice, Consumer<String> warn,
            String where, String[] usedDevice) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String used = "cpu";
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Idle ORT threads must not spin while Java accumulates the previous tile.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (!device.equals("cpu")) {
                if (cudaAvailable()) {
                    options.addCUDA(cudaDevice);
                    used = provider(device, cudaDevice, true);
                } else if (device.equals("cuda")) {
                    warn.accept("CUDA execution provider not available (ONNX Runtime providers "
                            + OrtEnvironment.getAvailableProviders() + "); running " + where + " on CPU");
                }
            }
            OrtSession session = env.createSession(model, options);
            usedDevice[0] = used;
            return session;
        }
    }

    /**
     * Where a session asked for {@code device} on CUDA ordinal {@code cudaDevice} runs: {@code cpu} or
     * {@code cuda:N}. Also the session cache's key, so that sessions on different GPUs are distinct and CPU sessions
     * are shared whatever device was asked for.
     */
    static String provider(String device, int cudaDevice, boolean cudaPresent) {
        return device.equals("cpu") || !cudaPresent ? "cpu" : "cuda:" + cudaDevice;
    }

    /** Whether this ONNX Runtime build has the CUDA execution provider. */
    public static boolean cudaAvailable() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /** The provider the session was created with: {@code cpu} or {@code cuda:N}. */
    public String device() {
        return device;
    }

    @Override
    public FloatBuffer input() {
        return input;
    }

    @Override
    public FloatBuffer output() {
        return output;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public void run() throws OrtException {
        try (OrtSession.Result r = session.run(Map.of(inputName, inputTensor), Map.of(outputName, outputTensor))) {
            // outputs were written into the pinned tensor; the result holds nothing else
        }
    }

    @Override
    public void close() {
        inputTensor.close();
        outputTensor.close();
        onClose.run();
    }
}
