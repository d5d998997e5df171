package rt.runtime.internal.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import rt.runtime.internal.state.ContentHashes;
import rt.runtime.internal.state.OutputSnapshot;

/**
 * What checking outputs and fingerprinting inputs by content costs for one course folder (or an input folder): the
 * first SHA-256 of every file (cold), then the stat-key check a resume does (warm), and one output snapshot (the
 * before/after walk of a task). Run: {@code java -cp … rt.runtime.internal.bench.ContentHashBench FOLDER}.
 */
public final class ContentHashBench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        ContentHashes warmUp = new ContentHashes(); // JIT and page cache: the figure is the hashing, not the start-up
        for (Path f : files) {
            warmUp.hash(f);
        }
        ContentHashes hashes = new ContentHashes();
        long t0 = System.nanoTime();
        for (Path f : files) {
            hashes.hash(f);
        }
        long cold = System.nanoTime() - t0;
        t0 = System.nanoTime();
        for (Path f : files) {
            hashes.hash(f);
        }
        long warm = System.nanoTime() - t0;
        t0 = System.nanoTime();
        OutputSnapshot.take(dir, List.of(dir));
        long snap = System.nanoTime() - t0;
        System.out.printf("%s: %d files, %.1f MB; first hash (page cache warm) %.0f ms (%.0f MB/s); resume check (stat key) %.1f ms;"
                + " one output snapshot walk %.1f ms%n", dir, files.size(), bytes / 1e6, cold / 1e6,
                bytes / 1e6 / (cold / 1e9), warm / 1e6, snap / 1e6);
    }
}
