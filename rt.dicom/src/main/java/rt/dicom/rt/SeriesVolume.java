package rt.dicom.rt;

import java.util.List;
import rt.api.image.Volume;

/**
 * An image series (CT, MR, PT) assembled into a volume sorted along the slice normal.
 *
 * @param volume              voxel values after rescale (HU for CT) on a grid whose k axis is the slice normal
 * @param sopInstanceUids     the slices kept, in k order (duplicates dropped)
 * @param slicePositions      each kept slice's position along the normal (mm), in k order
 * @param uniformSpacing      whether the kept slices were evenly spaced (else the volume was resampled linearly
 *                            onto the median spacing)
 * @param warnings            duplicates dropped, gaps, non-uniform spacing, …
 */
public record SeriesVolume(Volume volume, String modality, String patientId, String studyInstanceUid,
        String seriesInstanceUid, String frameOfReferenceUid, String sopClassUid, List<String> sopInstanceUids,
        double[] slicePositions, boolean uniformSpacing, List<String> warnings) {

    public SeriesVolume {
        sopInstanceUids = List.copyOf(sopInstanceUids);
        warnings = List.copyOf(warnings);
    }
}
