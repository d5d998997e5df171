package rt.organize.internal.plan;

import java.util.List;
import java.util.Set;

/**
 * What organize needs to know of one DICOM file, read from its header. Plain data: built by the header reader (or
 * by tests), never touches the file again.
 *
 * @param key            unique id of the object in this run: the SOP Instance UID, suffixed {@code #2}, {@code #3} …
 *                       when several files carry the same UID with different content (see {@link Dedup})
 * @param path           where the file was found (absolute, as a string to keep records free of I/O)
 * @param size           file size in bytes
 * @param lastModified   file modification time, ms
 * @param image          geometry of an image slice, or {@code null}
 * @param plan           RTPLAN details, or {@code null}
 * @param dose           RTDOSE details, or {@code null}
 * @param struct         RTSTRUCT details, or {@code null}
 * @param referencedPlanUids plans referenced by RT records and other objects (doses carry theirs in {@link DoseInfo})
 * @param registration   REG details (the frames it links), or {@code null}
 */
public record DicomSummary(String key, String path, long size, long lastModified, String modality,
        String sopClassUid, String sopInstanceUid, String patientId, String patientName, String studyUid,
        String seriesUid, String frameOfReferenceUid, String studyDate, String seriesDate, String seriesDescription,
        String bodyPartExamined, ImageInfo image, PlanInfo plan, DoseInfo dose, StructInfo struct,
        List<String> referencedPlanUids, RegInfo registration) {

    /** Without registration details (every object but a REG). */
    public DicomSummary(String key, String path, long size, long lastModified, String modality,
            String sopClassUid, String sopInstanceUid, String patientId, String patientName, String studyUid,
            String seriesUid, String frameOfReferenceUid, String studyDate, String seriesDate, String seriesDescription,
            String bodyPartExamined, ImageInfo image, PlanInfo plan, DoseInfo dose, StructInfo struct,
            List<String> referencedPlanUids) {
        this(key, path, size, lastModified, modality, sopClassUid, sopInstanceUid, patientId, patientName, studyUid,
                seriesUid, frameOfReferenceUid, studyDate, seriesDate, seriesDescription, bodyPartExamined, image,
                plan, dose, struct, referencedPlanUids, null);
    }

    public DicomSummary {
        key = key == null ? sopInstanceUid : key;
        modality = modality == null ? "" : modality.trim().toUpperCase(java.util.Locale.ROOT);
        patientId = patientId == null ? "" : patientId.trim();
        referencedPlanUids = referencedPlanUids == null ? List.of() : List.copyOf(referencedPlanUids);
    }

    public DicomSummary withKey(String newKey) {
        return new DicomSummary(newKey, path, size, lastModified, modality, sopClassUid, sopInstanceUid, patientId,
                patientName, studyUid, seriesUid, frameOfReferenceUid, studyDate, seriesDate, seriesDescription,
                bodyPartExamined, image, plan, dose, struct, referencedPlanUids, registration);
    }

    public boolean imageObject() {
        return image != null && ("CT".equals(modality) || "MR".equals(modality) || "PT".equals(modality));
    }

    /**
     * Geometry of one image slice.
     *
     * @param orientation ImageOrientationPatient (6 values)
     * @param position    ImagePositionPatient (3 values)
     * @param pixelSpacing row spacing, column spacing (mm)
     */
    public record ImageInfo(int rows, int columns, double[] pixelSpacing, double[] orientation, double[] position,
            double sliceThickness) {

        /** The part of the geometry all slices of one volume share, rounded to 0.01 mm / 1e-4. */
        public String signature() {
            StringBuilder b = new StringBuilder().append(rows).append('x').append(columns);
            if (pixelSpacing != null) {
                for (double d : pixelSpacing) {
                    b.append(',').append(Math.round(d * 100));
                }
            }
            if (orientation != null) {
                for (double d : orientation) {
                    b.append(';').append(Math.round(d * 10000));
                }
            }
            return b.append(",t").append(Math.round(sliceThickness * 100)).toString();
        }
    }

    /**
     * One RTPLAN.
     *
     * @param referencedStructureSetUids ReferencedStructureSetSequence
     * @param rxGy          total prescription (see {@link Prescription}), or {@code null}
     * @param rxSource      how {@code rxGy} was derived
     * @param fractions     NumberOfFractionsPlanned summed over fraction groups, or {@code null}
     */
    public record PlanInfo(String label, String name, String description, String date, String time,
            List<String> referencedStructureSetUids, Double rxGy, String rxSource, Integer fractions,
            String intent) {

        public PlanInfo {
            referencedStructureSetUids = referencedStructureSetUids == null ? List.of()
                    : List.copyOf(referencedStructureSetUids);
        }

        /** Label, name and description, for keyword rules. */
        public String text() {
            return String.join(" ", label == null ? "" : label, name == null ? "" : name,
                    description == null ? "" : description).trim();
        }
    }

    /**
     * One RTDOSE.
     *
     * @param summationType DoseSummationType (PLAN, BEAM, PLAN_SUM, FRACTION, …)
     * @param bbox          extent of the grid in LPS mm {@code xmin,ymin,zmin,xmax,ymax,zmax}, or {@code null}
     * @param spacing       voxel size (column, row, frame) in mm, or {@code null}
     */
    public record DoseInfo(String summationType, List<String> referencedPlanUids, double[] bbox, double[] spacing,
            String units) {

        public DoseInfo {
            summationType = summationType == null ? "" : summationType.trim().toUpperCase(java.util.Locale.ROOT);
            referencedPlanUids = referencedPlanUids == null ? List.of() : List.copyOf(referencedPlanUids);
        }
    }

    /**
     * One RTSTRUCT.
     *
     * @param referencedFrameOfReferenceUids ReferencedFrameOfReferenceSequence
     * @param referencedSeriesUids  RTReferencedSeriesSequence (the image series contoured on)
     * @param contourImageUids      ContourImageSequence SOP Instance UIDs (which slices)
     */
    public record StructInfo(String label, String name, String date, List<String> referencedFrameOfReferenceUids,
            List<String> referencedSeriesUids, Set<String> contourImageUids, List<String> roiNames) {

        public StructInfo {
            referencedFrameOfReferenceUids = referencedFrameOfReferenceUids == null ? List.of()
                    : List.copyOf(referencedFrameOfReferenceUids);
            referencedSeriesUids = referencedSeriesUids == null ? List.of() : List.copyOf(referencedSeriesUids);
            contourImageUids = contourImageUids == null ? Set.of() : Set.copyOf(contourImageUids);
            roiNames = roiNames == null ? List.of() : List.copyOf(roiNames);
        }
    }

    /**
     * One registration (spatial or deformable): the frames of reference it links, registered frame first, and the
     * image series it references. Two frames named by one REG belong to one course.
     */
    public record RegInfo(List<String> frameUids, List<String> seriesUids) {

        public RegInfo {
            frameUids = frameUids == null ? List.of() : List.copyOf(frameUids);
            seriesUids = seriesUids == null ? List.of() : List.copyOf(seriesUids);
        }
    }
}
