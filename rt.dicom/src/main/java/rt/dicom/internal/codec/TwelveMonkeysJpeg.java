package rt.dicom.internal.codec;

import java.util.Iterator;
import java.util.List;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ServiceRegistry;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;

/**
 * The TwelveMonkeys JPEG reader provider, wired by hand. It decodes lossless JPEG itself and hands DCT JPEG to the
 * JDK's reader, which it finds when it is registered. It is registered in a private registry holding only the JDK
 * provider, so the process-wide IIORegistry is read, never changed, and bundle class loaders do not matter.
 */
final class TwelveMonkeysJpeg {

    private static final String JDK_JPEG = "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi";

    private TwelveMonkeysJpeg() {
    }

    static ImageReaderSpi provider() {
        Iterator<ImageReaderSpi> jdk = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class,
                p -> p.getClass().getName().equals(JDK_JPEG), false);
        if (!jdk.hasNext()) {
            throw new IllegalStateException("the JDK's JPEG reader is not available");
        }
        ServiceRegistry registry = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
        registry.registerServiceProvider(jdk.next(), ImageReaderSpi.class);
        JPEGImageReaderSpi provider = new JPEGImageReaderSpi();
        registry.registerServiceProvider(provider, ImageReaderSpi.class);
        return provider;
    }
}
