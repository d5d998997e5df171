package rt.runtime.internal.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CUDA devices this process can use and the device each GPU slot of the broker runs on: slot i on the configured
 * device, else on device i mod N, so that every GPU gets work and slots beyond the GPU count share them evenly.
 * Discovery is injected ({@code nvidia-smi -L} lines and {@code CUDA_VISIBLE_DEVICES}), so the mapping is testable
 * without a GPU.
 */
public final class GpuDevices {

    /**
     * One device as CUDA numbers it inside this process.
     *
     * @param ordinal the CUDA device ordinal (what ONNX Runtime's {@code device_id} takes)
     * @param name    what nvidia-smi calls it, or the CUDA_VISIBLE_DEVICES entry when nvidia-smi does not list it
     */
    public record Device(int ordinal, String name) {
    }

    private static final Pattern SMI = Pattern.compile("GPU (\\d+): (.*?)(?: \\(UUID: ([^)]+)\\))?\\s*");

    private final List<Device> devices;
    private final int[] configured;
    private final String problem;

    /**
     * @param devices    the devices found, by ordinal
     * @param configured slot → device ordinal as configured (slot i uses {@code configured[i]}); slots beyond it and
     *                   an empty array use i mod N
     */
    public GpuDevices(List<Device> devices, int[] configured) {
        this(devices, configured, null);
    }

    private GpuDevices(List<Device> devices, int[] configured, String problem) {
        this.devices = List.copyOf(devices);
        this.configured = configured.clone();
        this.problem = problem;
        for (int i = 0; i < configured.length; i++) {
            if (configured[i] < 0 || (!devices.isEmpty() && configured[i] >= devices.size())) {
                throw new IllegalArgumentException("gpu_devices: slot " + i + " is mapped to CUDA device "
                        + configured[i] + ", but " + (devices.isEmpty() ? "no device was found"
                                : "the devices are 0.." + (devices.size() - 1)));
            }
        }
    }

    /**
     * This machine: nvidia-smi and CUDA_VISIBLE_DEVICES, with the configured mapping ({@code ""} = none). A bad
     * mapping does not stop the platform: slots then run on i mod N and {@link #problem()} says why.
     */
    public static GpuDevices probe(String configuredMapping) {
        return of(discover(BudgetProbe.gpus(), System.getenv("CUDA_VISIBLE_DEVICES")), configuredMapping);
    }

    /** {@code devices} with the configured mapping text, or i mod N and a {@link #problem()} when it is bad. */
    public static GpuDevices of(List<Device> devices, String configuredMapping) {
        try {
            return new GpuDevices(devices, parseMapping(configuredMapping));
        } catch (IllegalArgumentException e) {
            return new GpuDevices(devices, new int[0], e.getMessage() + "; slot i runs on device i mod N instead");
        }
    }

    /** Why the configured mapping was not used, or {@code null}. */
    public String problem() {
        return problem;
    }

    /**
     * The devices CUDA numbers 0..n-1 in this process. Without {@code CUDA_VISIBLE_DEVICES} they are nvidia-smi's
     * GPUs in its order; with it, they are its entries in its order (indices or UUIDs; CUDA ignores the list from the
     * first entry it cannot use, and an empty value hides every GPU), named from nvidia-smi where it lists them.
     */
    public static List<Device> discover(List<String> smiLines, String cudaVisibleDevices) {
        List<String[]> smi = new ArrayList<>(); // {index, name, uuid}
        for (String line : smiLines) {
            Matcher m = SMI.matcher(line);
            if (m.matches()) {
                smi.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        List<Device> out = new ArrayList<>();
        if (cudaVisibleDevices == null) {
            for (String[] g : smi) {
                out.add(new Device(out.size(), g[1]));
            }
            return out;
        }
        for (String raw : cudaVisibleDevices.split(",", -1)) {
            String entry = raw.trim();
            if (entry.isEmpty() || entry.startsWith("-")) {
                break; // CUDA stops at the first entry that names no device
            }
            String name = null;
            boolean known = false;
            for (String[] g : smi) {
                if (entry.equals(g[0]) || entry.equals(g[2]) || (g[2] != null && g[2].startsWith(entry))) {
                    name = g[1];
                    known = true;
                }
            }
            if (!known && !smi.isEmpty() && entry.matches("\\d+")) {
                break; // an index nvidia-smi does not list: CUDA ignores it and the rest
            }
            out.add(new Device(out.size(), name != null ? name : "CUDA_VISIBLE_DEVICES entry " + entry));
        }
        return out;
    }

    /** {@code "0,0,1,1"} → slot → device; blank = no configured mapping. One-line error for anything else. */
    public static int[] parseMapping(String text) {
        if (text == null || text.isBlank()) {
            return new int[0];
        }
        String[] parts = text.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("gpu_devices: '" + text + "' is not a comma-separated list of "
                        + "CUDA device numbers (slot 0's device first)");
            }
        }
        return out;
    }

    public List<Device> devices() {
        return devices;
    }

    /** The CUDA device ordinal GPU slot {@code slot} runs on (0 when no device was found: CUDA's default). */
    public int deviceOfSlot(int slot) {
        if (slot < configured.length) {
            return configured[slot];
        }
        return devices.isEmpty() ? 0 : slot % devices.size();
    }

    /** One line per slot: {@code slot i → cuda:N (name)}. */
    public List<String> describeSlots(int slots) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            int d = deviceOfSlot(s);
            String name = d < devices.size() ? " (" + devices.get(d).name() + ")" : " (not found)";
            out.add("slot " + s + " -> cuda:" + d + name + (s < configured.length ? ", configured" : ""));
        }
        return out;
    }
}
