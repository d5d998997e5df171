package rt.runtime.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.Lease;
import rt.api.ResourceNeeds;
import rt.runtime.internal.broker.GpuDevices.Device;
import rt.runtime.internal.cli.DoctorCommand;
import rt.testsupport.SurefireStyleSummary;

/**
 * GPU slots on every CUDA device: discovery from nvidia-smi lines and CUDA_VISIBLE_DEVICES (injected, no GPU here),
 * slot i on device i mod N or as configured, concurrent GPU leases on different devices, and rt:doctor's lines.
 */
@ExtendWith(SurefireStyleSummary.class)
class GpuDevicesTest {

    static final List<String> SMI = List.of(
            "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-aaaa1111-0000-0000-0000-000000000000)",
            "GPU 1: NVIDIA H100 80GB HBM3 (UUID: GPU-bbbb2222-0000-0000-0000-000000000000)",
            "GPU 2: NVIDIA A100-SXM4-40GB (UUID: GPU-cccc3333-0000-0000-0000-000000000000)");

    @Test
    void devicesAreNvidiaSmisGpusOrTheVisibleOnesRenumberedAsCudaDoes() {
        assertEquals(List.of(new Device(0, "NVIDIA H100 80GB HBM3"), new Device(1, "NVIDIA H100 80GB HBM3"),
                new Device(2, "NVIDIA A100-SXM4-40GB")), GpuDevices.discover(SMI, null));
        // CUDA numbers the visible devices 0.. in the order given: physical GPU 2 becomes cuda:0
        assertEquals(List.of(new Device(0, "NVIDIA A100-SXM4-40GB"), new Device(1, "NVIDIA H100 80GB HBM3")),
                GpuDevices.discover(SMI, "2,GPU-aaaa1111"));
        assertEquals(List.of(), GpuDevices.discover(SMI, ""), "an empty value hides every GPU");
        assertEquals(List.of(new Device(0, "NVIDIA H100 80GB HBM3")), GpuDevices.discover(SMI, "1,-1,0"),
                "CUDA ignores the list from the first invalid entry on");
        assertEquals(List.of(new Device(0, "NVIDIA H100 80GB HBM3")), GpuDevices.discover(SMI, "0,7,1"),
                "an index nvidia-smi does not list ends the list");
        assertEquals(List.of(new Device(0, "CUDA_VISIBLE_DEVICES entry 0"), new Device(1,
                "CUDA_VISIBLE_DEVICES entry 1")), GpuDevices.discover(List.of(), "0,1"), "no nvidia-smi: the env");
        assertEquals(List.of(), GpuDevices.discover(List.of("No devices were found"), null));
    }

    @Test
    void slotIRunsOnDeviceIModNUnlessConfigured() {
        List<Device> two = GpuDevices.discover(SMI.subList(0, 2), null);
        GpuDevices byModulo = new GpuDevices(two, new int[0]);
        assertEquals(List.of(0, 1, 0, 1, 0), List.of(0, 1, 2, 3, 4).stream().map(byModulo::deviceOfSlot).toList());
        GpuDevices configured = GpuDevices.of(two, " 1, 1 ,0");
        assertEquals(List.of(1, 1, 0, 1), List.of(0, 1, 2, 3).stream().map(configured::deviceOfSlot).toList(),
                "configured slots first, then i mod N");
        assertNull(configured.problem());
        assertEquals(List.of("slot 0 -> cuda:1 (NVIDIA H100 80GB HBM3), configured",
                "slot 1 -> cuda:1 (NVIDIA H100 80GB HBM3), configured",
                "slot 2 -> cuda:0 (NVIDIA H100 80GB HBM3), configured", "slot 3 -> cuda:1 (NVIDIA H100 80GB HBM3)"),
                configured.describeSlots(4));
        assertEquals(0, new GpuDevices(List.of(), new int[0]).deviceOfSlot(3), "nothing found: CUDA's device 0");

        GpuDevices bad = GpuDevices.of(two, "0,2");
        assertEquals("gpu_devices: slot 1 is mapped to CUDA device 2, but the devices are 0..1; slot i runs on "
                + "device i mod N instead", bad.problem());
        assertEquals(1, bad.deviceOfSlot(1));
        assertTrue(GpuDevices.of(two, "0;1").problem().startsWith("gpu_devices: '0;1' is not a comma-separated"));
        assertThrows(IllegalArgumentException.class, () -> new GpuDevices(two, new int[] {-1}));
    }

    @Test
    void concurrentGpuLeasesGetDifferentSlotsAndSoEveryDevice() throws Exception {
        GpuDevices gpus = new GpuDevices(GpuDevices.discover(SMI.subList(0, 2), null), new int[0]);
        FifoResourceBroker broker = new FifoResourceBroker(8, 4, gpus::deviceOfSlot);
        List<Lease> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(broker.acquire(new ResourceNeeds(1, 1, 0, true)));
        }
        assertEquals(List.of(0, 1, 0, 1), held.stream().map(Lease::gpuDevice).toList());
        held.get(1).close(); // slot 1 (cuda:1) free again: the next lease takes it
        Lease next = broker.tryAcquire(new ResourceNeeds(1, 1, 0, true));
        assertEquals(1, next.gpuDevice());
        assertEquals(-1, broker.acquire(new ResourceNeeds(1, 0, 0, true)).gpuDevice(), "a CPU lease has none");
        held.forEach(Lease::close);
        next.close();

        // under contention: never two leases on one slot, so two GPU leases at a time are on both devices
        FifoResourceBroker two = new FifoResourceBroker(8, 2, gpus::deviceOfSlot);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<Integer>[] together = new Set[1];
        together[0] = java.util.Collections.synchronizedSet(new HashSet<>());
        AtomicInteger clashes = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tasks.add(pool.submit(() -> {
                start.await();
                try (Lease l = two.acquire(new ResourceNeeds(1, 1, 0, true))) {
                    if (!together[0].add(l.gpuDevice())) {
                        clashes.incrementAndGet();
                    }
                    Thread.sleep(1);
                    together[0].remove(l.gpuDevice());
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : tasks) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(0, clashes.get(), "two leases held the same device at once");
        assertEquals(0, two.gpuInUse());
    }

    @Test
    void doctorListsTheDevicesAndWhichSlotsUseThem() {
        GpuDevices gpus = GpuDevices.of(GpuDevices.discover(SMI, "0,1"), "");
        String out = doctor(new FifoResourceBroker(2, 3, gpus::deviceOfSlot), gpus, Map.of("CUDA_VISIBLE_DEVICES",
                "0,1"));
        assertTrue(out.contains("gpus     : 2: cuda:0 NVIDIA H100 80GB HBM3; cuda:1 NVIDIA H100 80GB HBM3"), out);
        assertTrue(out.contains("cuda env : CUDA_VISIBLE_DEVICES=0,1"), out);
        assertTrue(out.contains("gpu slots: slot 0 -> cuda:0 (NVIDIA H100 80GB HBM3); slot 1 -> cuda:1 (NVIDIA H100 "
                + "80GB HBM3); slot 2 -> cuda:0 (NVIDIA H100 80GB HBM3)"), out);

        GpuDevices none = GpuDevices.of(List.of(), "");
        String cpuOnly = doctor(new FifoResourceBroker(2, 0), none, Map.of());
        assertTrue(cpuOnly.contains("gpus     : none found"), cpuOnly);
        assertTrue(cpuOnly.contains("gpu slots: none (GPU stages run on CPU leases)"), cpuOnly);
    }

    private static String doctor(FifoResourceBroker broker, GpuDevices gpus, Map<String, String> env) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DoctorCommand(List.of(), broker, gpus, List.of(), List.of(), env, Path.of("/nonexistent-rt-doctor"))
                .execute(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
