package rt.bench.phantom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Volume;
import rt.dicom.DicomObject;
import rt.dicom.DicomWriter;
import rt.dicom.Tag;
import rt.dicom.Uids;
import rt.dicom.rt.Contour;
import rt.dicom.rt.CtSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtDoseWriter;
import rt.dicom.rt.RtPlanWriter;
import rt.dicom.rt.RtStructWriter;
import rt.imaging.MaskContours;
import rt.imaging.SliceContour;

/**
 * One {@link ThoraxPhantom} course in DICOM, written with the project's writers (CT series, RTSTRUCT of the manual
 * ROIs, RTPLAN, RTDOSE). The CT, the contours and the dose are computed once ({@link #of}); {@link #write} then
 * writes a copy per patient with UIDs derived from the patient id, so that copies are distinct courses to organize.
 * Contours are the ROI masks' outlines on the CT slices (marching squares), so rasterising them gives back the
 * masks' voxels; holes (the chest wall's inner face) come out as separate contours, as planning systems export them.
 *
 * @param ct       the CT in HU
 * @param rois     the manual ROIs written into the RTSTRUCT, with their contours
 * @param dose     the planned dose (Gy) on its own grid
 */
public record ThoraxCourse(Volume ct, List<ContouredRoi> rois, Volume dose) {

    /** A manual ROI and its closed planar contours (x,y,z triples in mm). */
    public record ContouredRoi(ThoraxPhantom.Shape shape, List<double[]> contours) {
    }

    /** What {@link #write} wrote. */
    public record Written(Path rtstruct, Path rtdose, int files, long bytes) {
    }

    /** Body part of the CT and the plan's label: a thorax. */
    public static final String BODY_PART = "CHEST";

    /**
     * Computes a course: a CT of {@code pixels}² × {@code slices}, the first {@code rois} manual ROIs of
     * {@link ThoraxPhantom#manualShapes()} (1..24) and a dose grid of {@code doseMm} spacing, for a patient scaled by
     * {@code scale} (1 = the clinical size).
     */
    public static ThoraxCourse of(int pixels, int slices, int rois, double doseMm, double scale) {
        List<ThoraxPhantom.Shape> manual = ThoraxPhantom.manualShapes();
        if (rois < 1 || rois > manual.size()) {
            throw new IllegalArgumentException("--rois must be 1.." + manual.size() + ", not " + rois);
        }
        Grid g = ThoraxPhantom.ctGrid(pixels, slices, scale);
        Volume ct = ThoraxPhantom.ct(g, scale);
        List<ContouredRoi> contoured = new ArrayList<>();
        for (ThoraxPhantom.Shape s : manual.subList(0, rois)) {
            Mask m = ThoraxPhantom.mask(s.scaled(scale), g);
            List<double[]> polys = new ArrayList<>();
            for (SliceContour c : MaskContours.extract(m)) {
                polys.add(c.points());
            }
            contoured.add(new ContouredRoi(s, polys));
        }
        return new ThoraxCourse(ct, List.copyOf(contoured),
                ThoraxPhantom.doseVolume(ThoraxPhantom.doseGrid(doseMm, scale), scale));
    }

    private static String uid(String patient, String what) {
        return Uids.fromName("rt bench/" + patient + "/" + what);
    }

    /** Writes this course as patient {@code patientId} into {@code dir} (CT.NNN.dcm, RS.dcm, RP.dcm, RD.dcm). */
    public Written write(Path dir, String patientId) throws IOException {
        Files.createDirectories(dir);
        String date = "20250106";
        String created = "090000";
        String frame = uid(patientId, "frame");
        PatientStudy ps = new PatientStudy("Bench^" + patientId, patientId, "19550101", "M",
                uid(patientId, "study"), date, "090000", "1", "", "", null);
        List<Path> files = new ArrayList<>();
        List<DicomObject> slices = new CtSeriesWriter(ps, frame, ct, uid(patientId, "ct"))
                .series(1, "bench thorax CT").attribute(Tag.BodyPartExamined, BODY_PART)
                .creationDateTime(date, created).build();
        for (int k = 0; k < slices.size(); k++) {
            files.add(write(slices.get(k), dir.resolve(String.format("CT.%03d.dcm", k))));
        }
        RtStructWriter rs = new RtStructWriter(ps, ReferencedSeries.of(slices)).label("THORAX")
                .uids(uid(patientId, "rs-series"), uid(patientId, "rs")).series(2, "bench structures")
                .dateTime(date, "100000").creationDateTime(date, created);
        Integer ptv = null;
        for (int r = 0; r < rois.size(); r++) {
            ContouredRoi roi = rois.get(r);
            List<Contour> contours = roi.contours().stream().map(Contour::closed).toList();
            int[] colour = {(r * 73) % 256, (r * 151 + 80) % 256, (r * 37 + 160) % 256};
            int number = rs.addRoi(new Roi(0, roi.shape().name(), roi.shape().interpretedType(), colour, frame,
                    "MANUAL", contours));
            if (roi.shape().name().equals("PTV")) {
                ptv = number;
            }
        }
        Path rsFile = write(rs.build(), dir.resolve("RS.dcm"));
        files.add(rsFile);
        DicomObject rp = new RtPlanWriter(ps, frame, "THORAX").name("THORAX").dateTime(date, "120000")
                .prescription(ThoraxPhantom.RX_GY, 30, ptv).structureSet(rs.sopInstanceUid())
                .addBeam("AP", 0, 120, 6).addBeam("PA", 180, 120, 6)
                .uids(uid(patientId, "plan-series"), uid(patientId, "plan")).series(10, null)
                .approval("APPROVED", date, "120000", "Bench^Reviewer").creationDateTime(date, created).build();
        files.add(write(rp, dir.resolve("RP.dcm")));
        DicomObject rd = new RtDoseWriter(ps, frame, dose).summation("PLAN", List.of(rp.getString(Tag.SOPInstanceUID)))
                .uids(uid(patientId, "dose-series"), uid(patientId, "dose")).series(20, "dose of THORAX")
                .creationDateTime(date, created).build();
        Path rdFile = write(rd, dir.resolve("RD.dcm"));
        files.add(rdFile);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        return new Written(rsFile, rdFile, files.size(), bytes);
    }

    private static Path write(DicomObject ds, Path file) throws IOException {
        DicomWriter.write(ds, file);
        return file;
    }
}
