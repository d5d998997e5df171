# Runs dicompyler-core 0.5.5 (Debian python3-dicompylercore, default settings) over the Nelms cases with a dose file.
# Usage: /usr/bin/python3 nelms_dicompyler.py REFDATA_ROOT OUT.csv   (then nelms_compare.py OUT.csv)
import sys, csv, time, os
from dicompylercore import dicomparser, dvhcalc
root=sys.argv[1]+'/nelms-dvh'
rows=list(csv.reader(open(root+'/csv/analytical_values.csv')))[1:]
out=open(sys.argv[2],'w'); out.write('case,volume,Dmin,Dmax,Dmean,D99,D95,D5,D1,D0.03cc\n')
t0=time.time(); c0=time.process_time(); n=0
for r in rows:
    if not r[3].isdigit(): continue
    grad='AntPost' if r[4].startswith('Z') else 'SupInf'
    rs=root+'/STRUCTURES/%s.dcm'%r[0]; rd=root+'/DOSE GRIDS/Linear_%s_%smm_Aligned.dcm'%(grad,r[3])
    # the volume ROI: most contour points
    ss=dicomparser.DicomParser(rs).GetStructures()
    p=dicomparser.DicomParser(rs)
    best=None;bestn=-1
    for num,s in ss.items():
        cs=p.GetStructureCoordinates(num); k=sum(len(c['data']) for pl in cs.values() for c in pl)
        if k>bestn: best,bestn=num,k
    d=dvhcalc.get_dvh(rs,rd,best)
    v=[d.volume,d.min,d.max,d.mean]+[d.statistic(s).value for s in ['D99','D95','D5','D1','D0.03cc']]
    out.write('%s %smm %s,'%(r[0],r[3],grad)+','.join('%.6f'%x for x in v)+'\n'); n+=1
print('dicompyler-core: %d cases in %.3f s wall, %.3f s CPU (%.1f ms/case wall)'%(n,time.time()-t0,time.process_time()-c0,1000*(time.time()-t0)/n))
