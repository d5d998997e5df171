package rt.organize.internal.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import rt.dicom.DicomFile;
import rt.dicom.DicomObject;
import rt.dicom.DicomReader;
import rt.dicom.Tag;
import rt.dicom.rt.IodAttributes;
import rt.dicom.rt.SpatialRegistration;
import rt.organize.internal.plan.DicomSummary;
import rt.organize.internal.plan.Prescription;

/**
 * Reads the header of one file into a {@link DicomSummary}. Thread-safe (stateless). RT objects are recognised by
 * their SOP Class UID first (it names the IOD), by Modality otherwise. Bump {@link #FORMAT} whenever what a header
 * yields changes: it names the header cache, so summaries of an older scanner are not reused.
 */
public final class HeaderScanner {

    /** Version of the summaries this scanner produces (part of the header cache's file name). */
    public static final int FORMAT = 5; // 4: RTSTRUCT frame of reference where the IOD puts it; 5: REG frames

    private HeaderScanner() {
    }

    /**
     * @throws IOException with a one-line reason when the file is not DICOM or is broken
     */
    public static DicomSummary scan(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        DicomFile f = DicomReader.readHeader(file);
        DicomObject d = f.dataset();
        String sop = d.getString(Tag.SOPInstanceUID);
        String modality = d.getString(Tag.Modality);
        if (sop == null && modality == null) {
            throw new IOException(file + ": no SOP Instance UID and no Modality: not a DICOM composite object");
        }
        if (sop == null) {
            sop = f.fileMeta().getString(Tag.MediaStorageSOPInstanceUID);
        }
        if (sop == null || sop.isBlank()) {
            // nothing to deduplicate, reference or resume by (some anonymisers strip every UID)
            throw new IOException(file + ": no SOP Instance UID (0008,0018): the object cannot be identified");
        }
        String sopClass = d.getString(Tag.SOPClassUID);
        if (sopClass == null) {
            sopClass = f.fileMeta().getString(Tag.MediaStorageSOPClassUID);
        }
        DicomSummary.ImageInfo image = null;
        DicomSummary.PlanInfo plan = null;
        DicomSummary.DoseInfo dose = null;
        DicomSummary.StructInfo struct = null;
        DicomSummary.RegInfo registration = null;
        String mod = modality == null ? "" : modality.trim().toUpperCase(java.util.Locale.ROOT);
        String bySopClass = rtModality(sopClass);
        if (bySopClass != null && !bySopClass.equals(mod)) {
            // The SOP class says what the object is (an exporter wrote Modality RTDOSE into an RT Structure Set):
            // read it as what it is, or a structure set would be summed as a dose.
            modality = bySopClass;
            mod = bySopClass;
        }
        List<String> refPlans = itemStrings(d, Tag.ReferencedRTPlanSequence, Tag.ReferencedSOPInstanceUID);
        switch (mod) {
            case "RTPLAN" -> plan = planInfo(d);
            case "RTDOSE" -> dose = dose(d, refPlans);
            case "RTSTRUCT" -> struct = struct(d);
            case "REG" -> registration = registration(d);
            default -> {
                if (d.contains(Tag.Rows) && d.contains(Tag.ImagePositionPatient)) {
                    image = new DicomSummary.ImageInfo(d.getInt(Tag.Rows, 0), d.getInt(Tag.Columns, 0),
                            d.getDoubles(Tag.PixelSpacing), d.getDoubles(Tag.ImageOrientationPatient),
                            d.getDoubles(Tag.ImagePositionPatient), d.getDouble(Tag.SliceThickness, 0));
                }
            }
        }
        String series = d.getString(Tag.SeriesInstanceUID);
        if (image != null && (series == null || series.isBlank())) {
            throw new IOException(file + ": " + mod + " image without Series Instance UID (0020,000E): it cannot be "
                    + "assigned to a series");
        }
        return new DicomSummary(sop, file.toAbsolutePath().toString(), attrs.size(),
                attrs.lastModifiedTime().toMillis(), modality, sopClass, sop, d.getString(Tag.PatientID),
                d.getString(Tag.PatientName), d.getString(Tag.StudyInstanceUID), series,
                IodAttributes.frameOfReferenceUid(d), d.getString(Tag.StudyDate), d.getString(Tag.SeriesDate),
                d.getString(Tag.SeriesDescription), d.getString(Tag.BodyPartExamined), image, plan, dose, struct,
                dose == null ? refPlans : List.of(), registration);
    }

    private static DicomSummary.RegInfo registration(DicomObject d) {
        SpatialRegistration r = SpatialRegistration.of(d);
        return new DicomSummary.RegInfo(r.frameUids(), r.seriesUids());
    }

    /** The modality an RT SOP class implies (plan, ion plan, dose, structure set, registration), else {@code null}. */
    static String rtModality(String sopClassUid) {
        if (sopClassUid == null) {
            return null;
        }
        return switch (sopClassUid.trim()) {
            case "1.2.840.10008.5.1.4.1.1.481.2" -> "RTDOSE";
            case "1.2.840.10008.5.1.4.1.1.481.3" -> "RTSTRUCT";
            case "1.2.840.10008.5.1.4.1.1.481.5", "1.2.840.10008.5.1.4.1.1.481.8" -> "RTPLAN";
            case "1.2.840.10008.5.1.4.1.1.66.1", "1.2.840.10008.5.1.4.1.1.66.3" -> "REG";
            default -> null;
        };
    }

    /** The plan facts organize decides with (labels, dates, prescription by {@link Prescription}). */
    public static DicomSummary.PlanInfo planInfo(DicomObject d) {
        List<String> rs = itemStrings(d, Tag.ReferencedStructureSetSequence, Tag.ReferencedSOPInstanceUID);
        List<Prescription.DoseReference> refs = new ArrayList<>();
        for (DicomObject item : d.getSequence(Tag.DoseReferenceSequence)) {
            refs.add(new Prescription.DoseReference(item.getString(Tag.DoseReferenceType),
                    number(item, Tag.TargetPrescriptionDose), null, number(item, Tag.DeliveryMaximumDose)));
        }
        List<Prescription.FractionGroup> groups = new ArrayList<>();
        for (DicomObject fg : d.getSequence(Tag.FractionGroupSequence)) {
            List<Double> beamDoses = new ArrayList<>();
            for (DicomObject b : fg.getSequence(Tag.ReferencedBeamSequence)) {
                beamDoses.add(number(b, Tag.BeamDose));
            }
            Double n = number(fg, Tag.NumberOfFractionsPlanned);
            groups.add(new Prescription.FractionGroup(n == null ? null : (int) Math.round(n), beamDoses));
        }
        Prescription.Rx rx = Prescription.of(refs, groups);
        String date = d.getString(Tag.RTPlanDate);
        if (date == null) {
            date = d.getString(Tag.InstanceCreationDate);
        }
        return new DicomSummary.PlanInfo(d.getString(Tag.RTPlanLabel), d.getString(Tag.RTPlanName),
                d.getString(Tag.RTPlanDescription), date, d.getString(Tag.RTPlanTime), rs, rx.gy(), rx.source(),
                rx.fractions(), d.getString(Tag.PlanIntent));
    }

    private static DicomSummary.DoseInfo dose(DicomObject d, List<String> refPlans) {
        double[] bbox = null;
        double[] spacing = null;
        double[] pos = d.getDoubles(Tag.ImagePositionPatient);
        double[] ori = d.getDoubles(Tag.ImageOrientationPatient);
        double[] ps = d.getDoubles(Tag.PixelSpacing);
        double[] offsets = d.getDoubles(Tag.GridFrameOffsetVector);
        int rows = d.getInt(Tag.Rows, 0);
        int cols = d.getInt(Tag.Columns, 0);
        if (pos != null && pos.length == 3 && ori != null && ori.length == 6 && ps != null && ps.length == 2
                && rows > 0 && cols > 0) {
            double[] u = {ori[0], ori[1], ori[2]};
            double[] v = {ori[3], ori[4], ori[5]};
            double[] w = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
            double zMin = 0;
            double zMax = 0;
            if (offsets != null) {
                for (double o : offsets) {
                    zMin = Math.min(zMin, o);
                    zMax = Math.max(zMax, o);
                }
            }
            double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            for (double a : new double[] {0, (cols - 1) * ps[1]}) {
                for (double b : new double[] {0, (rows - 1) * ps[0]}) {
                    for (double c : new double[] {zMin, zMax}) {
                        for (int n = 0; n < 3; n++) {
                            double x = pos[n] + a * u[n] + b * v[n] + c * w[n];
                            lo[n] = Math.min(lo[n], x);
                            hi[n] = Math.max(hi[n], x);
                        }
                    }
                }
            }
            bbox = new double[] {lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]};
            double dz = offsets != null && offsets.length > 1 ? Math.abs(offsets[1] - offsets[0]) : 0;
            spacing = new double[] {ps[1], ps[0], dz};
        }
        return new DicomSummary.DoseInfo(d.getString(Tag.DoseSummationType), refPlans, bbox, spacing,
                d.getString(Tag.DoseUnits));
    }

    private static DicomSummary.StructInfo struct(DicomObject d) {
        List<String> frames = new ArrayList<>();
        List<String> series = new ArrayList<>();
        Set<String> images = new LinkedHashSet<>();
        for (DicomObject f : d.getSequence(Tag.ReferencedFrameOfReferenceSequence)) {
            String fr = f.getString(Tag.FrameOfReferenceUID);
            if (fr != null) {
                frames.add(fr);
            }
            for (DicomObject st : f.getSequence(Tag.RTReferencedStudySequence)) {
                for (DicomObject se : st.getSequence(Tag.RTReferencedSeriesSequence)) {
                    String s = se.getString(Tag.SeriesInstanceUID);
                    if (s != null && !series.contains(s)) {
                        series.add(s);
                    }
                    for (DicomObject ci : se.getSequence(Tag.ContourImageSequence)) {
                        String u = ci.getString(Tag.ReferencedSOPInstanceUID);
                        if (u != null) {
                            images.add(u);
                        }
                    }
                }
            }
        }
        List<String> rois = itemStrings(d, Tag.StructureSetROISequence, Tag.ROIName);
        return new DicomSummary.StructInfo(d.getString(Tag.StructureSetLabel), d.getString(Tag.StructureSetName),
                d.getString(Tag.StructureSetDate), frames, series, images, rois);
    }

    /** The value of {@code tag} in each item of {@code sequence} that has one, in item order. */
    private static List<String> itemStrings(DicomObject d, int sequence, int tag) {
        List<String> out = new ArrayList<>();
        for (DicomObject item : d.getSequence(sequence)) {
            String v = item.getString(tag);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private static Double number(DicomObject o, int tag) {
        double[] v = o.getDoubles(tag);
        return v == null || v.length == 0 || Double.isNaN(v[0]) ? null : v[0];
    }
}
