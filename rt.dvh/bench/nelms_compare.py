# |%diff| vs the Nelms analytical values per metric for CSVs written by NelmsBench / the oracle scripts.
# Usage: RT_REFDATA=../../shared/refdata /usr/bin/python3 nelms_compare.py ours.csv dicompyler.csv plastimatch.csv
import csv, os, sys, statistics
root=os.environ.get('RT_REFDATA', '../../shared/refdata')+'/nelms-dvh'
rows=list(csv.reader(open(root+'/csv/analytical_values.csv')))[1:]
exp={}
for r in rows:
    if not r[3].isdigit(): continue
    g='AntPost' if r[4].startswith('Z') else 'SupInf'
    exp['%s %smm %s'%(r[0],r[3],g)]=[float(r[5])]+[float(x)/100 for x in r[6:14]]
names=['volume','Dmin','Dmax','Dmean','D99','D95','D5','D1','D0.03cc']
for f in sys.argv[1:]:
    got={r[0]:[float(x) if x not in ('','nan') else float('nan') for x in r[1:]] for r in list(csv.reader(open(f)))[1:]}
    print('%s: %d cases'%(f,len(got)))
    print('%-8s %8s %8s %8s'%('metric','median','worst','>3%'))
    for m,n in enumerate(names):
        d=[abs(100*(got[k][m]/exp[k][m]-1)) for k in got if k in exp]
        d=[x if x==x else 999 for x in d]
        print('%-8s %8.2f %8.2f %8d'%(n,statistics.median(d),max(d),sum(1 for x in d if x>3)))
