package rt.dicom.internal.codec;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A frame decoder backed by an Image I/O reader. The reader provider is created directly (never looked up in the
 * IIORegistry, whose service-loader scan does not see bundle class loaders in OSGi).
 */
public final class ImageIoDecoder implements FrameDecoder {

    private final ImageReaderSpi provider;

    public ImageIoDecoder(ImageReaderSpi provider) {
        this.provider = provider;
    }

    @Override
    public int[] decode(byte[] frame, FrameFormat f) throws IOException {
        ImageReader reader = provider.createReaderInstance();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(frame))) {
            reader.setInput(in, true, true);
            Raster r = reader.canReadRaster() ? reader.readRaster(0, null) : reader.read(0).getRaster();
            if (r.getWidth() != f.columns() || r.getHeight() != f.rows()) {
                throw new CodecException("codestream is " + r.getWidth() + "x" + r.getHeight() + ", header says "
                        + f.columns() + "x" + f.rows());
            }
            if (r.getNumBands() != 1) {
                throw new CodecException("codestream has " + r.getNumBands() + " components, 1 expected");
            }
            return r.getSamples(r.getMinX(), r.getMinY(), f.columns(), f.rows(), 0, new int[f.samples()]);
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CodecException(provider.getDescription(java.util.Locale.ROOT) + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }
}
