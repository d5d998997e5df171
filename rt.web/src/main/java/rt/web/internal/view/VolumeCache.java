package rt.web.internal.view;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.nifti.ImageFiles;

/** The last few volumes the viewer read (a viewer asks for many slices of one course), keyed by path and mtime. */
public final class VolumeCache {

    private static final int ENTRIES = 4;

    private final Map<String, Volume> cache = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Volume> eldest) {
            return size() > ENTRIES;
        }
    };

    public synchronized Volume get(Path file, Quantity quantity) throws IOException {
        String key = file + "@" + Files.getLastModifiedTime(file).toMillis();
        Volume v = cache.get(key);
        if (v == null) {
            v = ImageFiles.readVolume(file, quantity);
            cache.put(key, v);
        }
        return v;
    }
}
