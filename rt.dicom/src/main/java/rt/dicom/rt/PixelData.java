package rt.dicom.rt;

import rt.dicom.DicomException;
import rt.dicom.DicomFile;
import rt.dicom.DicomObject;
import rt.dicom.Tag;

/**
 * The pixel data of one monochrome image object, in any supported transfer syntax (native, Deflate, Big Endian,
 * RLE, JPEG, JPEG-LS, JPEG 2000), frame by frame.
 */
public final class PixelData {

    private PixelData() {
    }

    /** The stored values (no rescale; signed where Pixel Representation is 1) of every frame, row by row. */
    public static float[][] storedValues(DicomFile file) throws DicomException {
        DicomObject ds = file.dataset();
        int frames = Math.max(1, ds.getInt(Tag.NumberOfFrames, 1));
        return Pixels.frames(ds, file.transferSyntax(), file.source(), frames, 1.0, 0.0);
    }
}
