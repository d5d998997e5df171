package rt.dicom.rt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.VR;

/** Builds an enhanced multi-frame image (functional groups) from the single-frame slices of our CT writer. */
final class MultiFrameImages {

    private MultiFrameImages() {
    }

    static DicomObject fromSlices(List<DicomObject> slices) {
        DicomObject first = slices.get(0);
        DicomObject mf = new DicomObject();
        mf.copyFrom(first, first.tags());
        for (int tag : new int[] {Tag.ImagePositionPatient, Tag.ImageOrientationPatient, Tag.PixelSpacing,
            Tag.SliceThickness, Tag.SliceLocation, Tag.RescaleIntercept, Tag.RescaleSlope, Tag.RescaleType,
            Tag.InstanceNumber}) {
            mf.remove(tag);
        }
        mf.putString(Tag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2.1"); // Enhanced CT Image Storage
        mf.putInts(Tag.NumberOfFrames, slices.size());
        DicomObject shared = mf.addItem(Tag.SharedFunctionalGroupsSequence);
        shared.addItem(Tag.PlaneOrientationSequence).copyFrom(first, Tag.ImageOrientationPatient);
        shared.addItem(Tag.PixelMeasuresSequence).copyFrom(first, Tag.PixelSpacing, Tag.SliceThickness);
        ByteBuffer pixels = ByteBuffer.allocate(slices.size() * first.getBytes(Tag.PixelData).length)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (DicomObject s : slices) {
            DicomObject frame = mf.addItem(Tag.PerFrameFunctionalGroupsSequence);
            frame.addItem(Tag.PlanePositionSequence).copyFrom(s, Tag.ImagePositionPatient);
            frame.addItem(Tag.PixelValueTransformationSequence).copyFrom(s, Tag.RescaleIntercept, Tag.RescaleSlope,
                    Tag.RescaleType);
            pixels.put(s.getBytes(Tag.PixelData));
        }
        mf.putBytes(Tag.PixelData, VR.OW, pixels.array());
        return mf;
    }
}
