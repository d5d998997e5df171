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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.Lease;
import rt.api.ResourceNeeds;
import rt.testsupport.SurefireStyleSummary;

/** Heap is admitted like cores: the estimates of granted leases never exceed the heap budget. */
@ExtendWith(SurefireStyleSummary.class)
class MemoryAdmissionTest {

    private static ResourceNeeds mb(long memoryMb) {
        return new ResourceNeeds(1, 0, memoryMb, true);
    }

    @Test
    void workThatDoesNotFitTheHeapWaitsThoughCoresAreFree() throws Exception {
        FifoResourceBroker broker = new FifoResourceBroker(8, 0, 2000, slot -> 0);
        Lease big = broker.acquire(mb(1500));
        assertNull(broker.tryAcquire(mb(600)), "1,500 + 600 MB exceeds the 2,000 MB budget");
        Lease small = broker.tryAcquire(mb(400));
        assertNotNull(small, "1,500 + 400 MB fits");
        assertEquals(1900, broker.memoryInUseMb());
        big.close();
        assertNotNull(broker.tryAcquire(mb(600)), "fits once the big lease is back");
        small.close();
    }

    @Test
    void anEstimateAboveTheWholeBudgetRunsAloneInsteadOfNever() throws Exception {
        FifoResourceBroker broker = new FifoResourceBroker(4, 0, 2000, slot -> 0);
        try (Lease huge = broker.acquire(mb(9000))) {
            assertEquals(2000, broker.memoryInUseMb(), "clamped to the budget");
            assertNull(broker.tryAcquire(mb(1)), "nothing else that needs memory runs beside it");
            assertNotNull(broker.tryAcquire(mb(0)), "work that estimates no memory still may");
        }
    }

    @Test
    void aWaitingBigEstimateIsNotOvertakenBySmallOnes() throws Exception {
        FifoResourceBroker broker = new FifoResourceBroker(8, 0, 2000, slot -> 0);
        Lease held = broker.acquire(mb(1000));
        Thread big = new Thread(() -> {
            try (Lease l = broker.acquire(mb(1500))) {
                assertEquals(1, l.cpuCores());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        big.start();
        while (broker.waiting().isEmpty()) {
            Thread.sleep(1);
        }
        assertNull(broker.tryAcquire(mb(500)), "500 MB is free, but the waiting 1,500 MB request is first");
        held.close();
        big.join(10_000);
        assertEquals(0, broker.memoryInUseMb());
    }

    @Test
    void aZeroBudgetPlansNothing() throws Exception {
        FifoResourceBroker broker = new FifoResourceBroker(2, 0);
        try (Lease a = broker.acquire(mb(100_000)); Lease b = broker.acquire(mb(100_000))) {
            assertEquals(0, broker.memoryInUseMb());
            assertEquals(0, broker.memoryBudgetMb());
        }
    }

    @Test
    void neverExceedsTheHeapBudgetUnderStress() throws Exception {
        FifoResourceBroker broker = new FifoResourceBroker(16, 0, 3000, slot -> 0);
        AtomicLong inUse = new AtomicLong();
        AtomicLong max = new AtomicLong();
        Random random = new Random(7);
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ResourceNeeds needs = new ResourceNeeds(1 + random.nextInt(3), 0, random.nextInt(2500), true);
            boolean tryFirst = random.nextBoolean();
            long workMicros = random.nextInt(2000);
            tasks.add(pool.submit(() -> {
                Lease tried = tryFirst ? broker.tryAcquire(needs) : null;
                try (Lease lease = tried != null ? tried : broker.acquire(needs)) {
                    max.accumulateAndGet(inUse.addAndGet(needs.memoryMb()), Math::max);
                    assertTrue(broker.memoryInUseMb() <= 3000);
                    TimeUnit.MICROSECONDS.sleep(workMicros);
                    inUse.addAndGet(-needs.memoryMb());
                }
                return null;
            }));
        }
        for (Future<?> f : tasks) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(max.get() <= 3000, "max planned heap " + max);
        assertTrue(max.get() > 2500, "leases really overlapped: " + max);
        assertEquals(0, broker.memoryInUseMb());
    }

    @Test
    void theDefaultBudgetIsTheHeapLessTheFrameworkShare() {
        assertEquals(2073, rt.runtime.internal.BrokerComponent.heapBudgetMb(-1, 2560));
        assertEquals(256, rt.runtime.internal.BrokerComponent.heapBudgetMb(-1, 300), "a floor for tiny heaps");
        assertEquals(0, rt.runtime.internal.BrokerComponent.heapBudgetMb(0, 2560), "0 = not planned");
        assertEquals(1234, rt.runtime.internal.BrokerComponent.heapBudgetMb(1234, 2560));
    }
}
