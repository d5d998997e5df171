package rt.dicom.rt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.VR;

/**
 * Builds an RT Structure Set from contours, referencing an image series (each contour gets a Contour Image
 * Sequence pointing at the image in its plane) or only a frame of reference. Not thread-safe; one per structure set.
 *
 * <pre>{@code
 * RtStructWriter w = new RtStructWriter(PatientStudy.of(ctHeader), ReferencedSeries.of(ctHeaders));
 * w.label("AUTO");
 * w.addRoi("Heart", "ORGAN", new int[] {255, 0, 0}, contours);
 * String sopUid = w.write(Path.of("RS.dcm"));
 * }</pre>
 */
public final class RtStructWriter {

    private final PatientStudy patientStudy;
    private final ReferencedSeries reference;
    private final List<Roi> rois = new ArrayList<>();
    private String label = "RTSTRUCT";
    private String name;
    private final WriterSupport.Instance instance = new WriterSupport.Instance();
    private String date = WriterSupport.today();
    private String time = WriterSupport.now();

    public RtStructWriter(PatientStudy patientStudy, ReferencedSeries reference) {
        this.patientStudy = patientStudy;
        this.reference = reference;
    }

    /** Structure Set Label (default RTSTRUCT, at most 16 characters). */
    public RtStructWriter label(String label) {
        this.label = label;
        return this;
    }

    /** Structure Set Name. */
    public RtStructWriter name(String name) {
        this.name = name;
        return this;
    }

    /** Fixes the UIDs (default: new random UIDs). */
    public RtStructWriter uids(String seriesInstanceUid, String sopInstanceUid) {
        instance.uids(seriesInstanceUid, sopInstanceUid);
        return this;
    }

    public RtStructWriter series(int number, String description) {
        instance.series(number, description);
        return this;
    }

    /** Structure Set Date/Time (default now). */
    public RtStructWriter dateTime(String date, String time) {
        this.date = date;
        this.time = time;
        return this;
    }

    /** Adds an ROI generated automatically; returns its ROI number (1, 2, …). */
    public int addRoi(String roiName, String interpretedType, int[] color, List<Contour> contours) {
        int number = rois.size() + 1;
        rois.add(new Roi(number, roiName, interpretedType, color, reference.frameOfReferenceUid(), "AUTOMATIC",
                contours));
        return number;
    }

    /** Adds an ROI as given (its number is replaced by the next free number, which is returned). */
    public int addRoi(Roi roi) {
        int number = rois.size() + 1;
        rois.add(new Roi(number, roi.name(), roi.interpretedType(), roi.color(), reference.frameOfReferenceUid(),
                roi.generationAlgorithm() == null ? "AUTOMATIC" : roi.generationAlgorithm(), roi.contours()));
        return number;
    }

    /**
     * Instance Creation Date (YYYYMMDD) and Time (HHMMSS) written into the structure set,
     * for reproducible output (default: the time of {@code build()}).
     */
    public RtStructWriter creationDateTime(String date, String time) {
        instance.creationDateTime(date, time);
        return this;
    }

    /**
     * Series and SOP Instance UIDs derived from the content at {@link #write}, instead of random ones: for outputs
     * of the pipeline, so that the same inputs give the same UIDs (see {@code WriterSupport.Instance}).
     */
    public RtStructWriter uidsFromContent() {
        instance.uidsFromContent = true;
        return this;
    }

    /** The SOP Instance UID; with {@link #uidsFromContent()} it is known only after {@link #write}. */
    public String sopInstanceUid() {
        return instance.sopInstanceUid;
    }

    /** Builds and writes the structure set; returns its SOP Instance UID. */
    public String write(Path file) throws IOException {
        return instance.write(build(), file);
    }

    /** The structure set data set. */
    public DicomObject build() {
        DicomObject ds = instance.base(Uids.RT_STRUCTURE_SET_STORAGE, patientStudy, "RTSTRUCT");
        WriterSupport.frameOfReference(ds, reference.frameOfReferenceUid());
        ds.putString(Tag.StructureSetLabel, label);
        if (name != null) {
            ds.putString(Tag.StructureSetName, name);
        }
        ds.putString(Tag.StructureSetDate, date);
        ds.putString(Tag.StructureSetTime, time);
        ds.putInts(Tag.InstanceNumber, 1);

        DicomObject refFor = ds.addItem(Tag.ReferencedFrameOfReferenceSequence);
        refFor.putString(Tag.FrameOfReferenceUID, reference.frameOfReferenceUid());
        if (reference.seriesInstanceUid() != null && reference.studyInstanceUid() != null) {
            DicomObject study = refFor.addItem(Tag.RTReferencedStudySequence);
            study.putString(Tag.ReferencedSOPClassUID, "1.2.840.10008.3.1.2.3.1");
            study.putString(Tag.ReferencedSOPInstanceUID, reference.studyInstanceUid());
            DicomObject series = study.addItem(Tag.RTReferencedSeriesSequence);
            series.putString(Tag.SeriesInstanceUID, reference.seriesInstanceUid());
            for (ReferencedSeries.Image img : reference.images()) {
                DicomObject ci = series.addItem(Tag.ContourImageSequence);
                ci.putString(Tag.ReferencedSOPClassUID, img.sopClassUid());
                ci.putString(Tag.ReferencedSOPInstanceUID, img.sopInstanceUid());
            }
        }
        double tolerance = sliceTolerance();
        for (Roi roi : rois) {
            DicomObject r = ds.addItem(Tag.StructureSetROISequence);
            r.putInts(Tag.ROINumber, roi.number());
            r.putString(Tag.ReferencedFrameOfReferenceUID, reference.frameOfReferenceUid());
            r.putString(Tag.ROIName, roi.name());
            r.putString(Tag.ROIGenerationAlgorithm, roi.generationAlgorithm());
        }
        for (Roi roi : rois) {
            DicomObject rc = ds.addItem(Tag.ROIContourSequence);
            int[] color = roi.color() != null && roi.color().length == 3 ? roi.color() : defaultColor(roi.number());
            rc.putString(Tag.ROIDisplayColor, VR.IS, color[0] + "", color[1] + "", color[2] + "");
            int n = 1;
            for (Contour c : roi.contours()) {
                if (c.pointCount() == 0) {
                    continue;
                }
                DicomObject item = rc.addItem(Tag.ContourSequence);
                ReferencedSeries.Image img = reference.imageAt(c.points()[0], c.points()[1], c.points()[2],
                        tolerance);
                if (img != null) {
                    DicomObject ci = item.addItem(Tag.ContourImageSequence);
                    ci.putString(Tag.ReferencedSOPClassUID, img.sopClassUid());
                    ci.putString(Tag.ReferencedSOPInstanceUID, img.sopInstanceUid());
                }
                item.putInts(Tag.ContourNumber, n++);
                item.putString(Tag.ContourGeometricType, c.type().name());
                item.putInts(Tag.NumberOfContourPoints, c.pointCount());
                item.putDoubles(Tag.ContourData, c.points());
            }
            rc.putInts(Tag.ReferencedROINumber, roi.number());
        }
        for (Roi roi : rois) {
            DicomObject o = ds.addItem(Tag.RTROIObservationsSequence);
            o.putInts(Tag.ObservationNumber, roi.number());
            o.putInts(Tag.ReferencedROINumber, roi.number());
            o.putString(Tag.RTROIInterpretedType, roi.interpretedType());
            o.putString(Tag.ROIInterpreter);
        }
        ds.putString(Tag.ApprovalStatus, "UNAPPROVED");
        return ds;
    }

    private double sliceTolerance() {
        List<ReferencedSeries.Image> imgs = reference.images();
        double min = Double.POSITIVE_INFINITY;
        double[] pos = imgs.stream().mapToDouble(ReferencedSeries.Image::position).sorted().toArray();
        for (int k = 1; k < pos.length; k++) {
            if (pos[k] - pos[k - 1] > 1e-3) {
                min = Math.min(min, pos[k] - pos[k - 1]);
            }
        }
        return Double.isInfinite(min) ? 0.5 : min / 2;
    }

    private static int[] defaultColor(int number) {
        int[][] palette = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}, {0, 255, 255}, {255, 0, 255},
            {255, 128, 0}, {128, 0, 255}, {0, 128, 255}, {128, 255, 0}};
        return palette[(number - 1) % palette.length];
    }
}
