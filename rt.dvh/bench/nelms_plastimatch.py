# Runs plastimatch (convert RTSTRUCT onto the dose grid, then dvh with 0.01 Gy bins) over the Nelms cases.
# Usage: /usr/bin/python3 nelms_plastimatch.py REFDATA_ROOT OUT.csv
import csv, subprocess, time, os, sys
root=(sys.argv[1] if len(sys.argv) > 1 else '../../shared/refdata')+'/nelms-dvh'
rows=list(csv.reader(open(root+'/csv/analytical_values.csv')))[1:]
out=open(sys.argv[2] if len(sys.argv) > 2 else 'pm.csv','w'); out.write('case,volume,Dmin,Dmax,Dmean,D99,D95,D5,D1,D0.03cc\n')
import tempfile; os.chdir(tempfile.mkdtemp()); os.makedirs('pm',exist_ok=True)
t0=time.time(); n=0; tcpu=0
def interp_dose(doses, cum, target):
    # cum decreasing cumulative volume (cc) at each dose; largest dose with cum >= target, linear between bins
    for i in range(len(doses)-1):
        if cum[i] >= target > cum[i+1]:
            return doses[i] + (doses[i+1]-doses[i])*(cum[i]-target)/(cum[i]-cum[i+1])
    return doses[-1] if cum[-1] >= target else doses[0]
for r in rows:
    if not r[3].isdigit(): continue
    g='AntPost' if r[4].startswith('Z') else 'SupInf'
    rs=root+'/STRUCTURES/%s.dcm'%r[0]; rd=root+'/DOSE GRIDS/Linear_%s_%smm_Aligned.dcm'%(g,r[3])
    a=time.time()
    subprocess.run(['plastimatch','convert','--input',rs,'--fixed',rd,'--output-ss-img','pm/ss.nrrd','--output-ss-list','pm/ss.txt'],capture_output=True,check=True)
    subprocess.run(['plastimatch','dvh','--input-ss-img','pm/ss.nrrd','--input-ss-list','pm/ss.txt','--input-dose',rd,'--output-csv','pm/dvh.csv','--cumulative','--num-bins','5000','--bin-width','0.01','--normalization','vox'],capture_output=True,check=True)
    tcpu+=time.time()-a
    data=list(csv.reader(open('pm/dvh.csv')))
    col=max(range(1,len(data[0])), key=lambda c: float(data[1][c]))
    vox=float(r[3])**3/1000.0
    doses=[float(x[0]) for x in data[1:]]; cum=[float(x[col])*vox for x in data[1:]]
    V=cum[0]
    nz=[i for i in range(len(cum)) if cum[i]>0]
    dmax=doses[nz[-1]]; 
    full=[i for i in range(len(cum)) if cum[i]>=V]; dmin=doses[full[-1]]
    # mean from differential
    mean=sum((doses[i]+0.005)*(cum[i]-cum[i+1]) for i in range(len(cum)-1))/V
    v=[V,dmin,dmax,mean]+[interp_dose(doses,cum,p/100*V) for p in (99,95,5,1)]+[interp_dose(doses,cum,0.03)]
    out.write('%s %smm %s,'%(r[0],r[3],g)+','.join('%.6f'%x for x in v)+'\n'); n+=1
print('plastimatch: %d cases in %.3f s wall (convert+dvh, one process each)'%(n,time.time()-t0))
