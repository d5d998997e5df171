package rt.runtime.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.Lease;
import rt.api.ResourceNeeds;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class FifoResourceBrokerTest {

    @Test
    void neverExceedsTheBudgetUnderStress() throws Exception {
        FifoResourceBroker broker = new FifoResourceBroker(6, 2);
        AtomicInteger cpu = new AtomicInteger();
        AtomicInteger gpu = new AtomicInteger();
        AtomicInteger maxCpu = new AtomicInteger();
        AtomicInteger maxGpu = new AtomicInteger();
        Random random = new Random(42);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ResourceNeeds needs = new ResourceNeeds(random.nextInt(9), random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0,
                    0, true); // 0..8 cores (clamped to 1..6), sometimes 1..3 GPUs (clamped to 2)
            boolean tryFirst = random.nextBoolean();
            long workMicros = random.nextInt(2000);
            tasks.add(pool.submit(() -> {
                Lease tried = tryFirst ? broker.tryAcquire(needs) : null;
                try (Lease lease = tried != null ? tried : broker.acquire(needs)) {
                    maxCpu.accumulateAndGet(cpu.addAndGet(lease.cpuCores()), Math::max);
                    maxGpu.accumulateAndGet(gpu.addAndGet(lease.gpuSlots()), Math::max);
                    assertTrue(broker.cpuInUse() <= 6 && broker.gpuInUse() <= 2);
                    TimeUnit.MICROSECONDS.sleep(workMicros);
                    cpu.addAndGet(-lease.cpuCores());
                    gpu.addAndGet(-lease.gpuSlots());
                }
                return null;
            }));
        }
        for (Future<?> f : tasks) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(maxCpu.get() <= 6, "max cpu " + maxCpu);
        assertTrue(maxGpu.get() <= 2, "max gpu " + maxGpu);
        assertTrue(maxCpu.get() >= 2, "the stress test really overlapped leases");
        assertEquals(0, broker.cpuInUse());
        assertEquals(0, broker.gpuInUse());
        assertTrue(broker.waiting().isEmpty());
    }

    @Test
    void anEarlierBigRequestIsNotOvertakenBySmallOnes() throws Exception {
        FifoResourceBroker broker = new FifoResourceBroker(4, 0);
        Lease small = broker.acquire(ResourceNeeds.cpu(1));
        Thread big = new Thread(() -> {
            try (Lease l = broker.acquire(ResourceNeeds.cpu(4))) {
                assertEquals(4, l.cpuCores());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        big.start();
        while (broker.waiting().isEmpty()) {
            Thread.sleep(1);
        }
        assertNull(broker.tryAcquire(ResourceNeeds.cpu(1)), "3 cores are free, but the waiting 4-core request is first");
        small.close();
        big.join(5000);
        assertNotNull(broker.tryAcquire(ResourceNeeds.cpu(1)));
    }

    @Test
    void cpuWorkMayPassAWaiterThatOnlyLacksAGpu() throws Exception {
        FifoResourceBroker broker = new FifoResourceBroker(4, 1);
        Lease gpuHolder = broker.acquire(ResourceNeeds.gpu(1, 1));
        Thread waiter = new Thread(() -> {
            try (Lease l = broker.acquire(ResourceNeeds.gpu(1, 1))) {
                assertEquals(1, l.gpuSlots());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        while (broker.waiting().isEmpty()) {
            Thread.sleep(1);
        }
        Lease cpuOnly = broker.tryAcquire(ResourceNeeds.cpu(1));
        assertNotNull(cpuOnly);
        cpuOnly.close();
        gpuHolder.close();
        waiter.join(5000);
        assertEquals(0, broker.gpuInUse());
    }

    @Test
    void needsAreClampedAndClosingTwiceIsHarmless() {
        FifoResourceBroker broker = new FifoResourceBroker(2, 0);
        Lease l = broker.tryAcquire(ResourceNeeds.gpu(3, 16));
        assertEquals(2, l.cpuCores());
        assertEquals(0, l.gpuSlots());
        l.close();
        l.close();
        assertEquals(0, broker.cpuInUse());
    }
}
