#!/usr/bin/env python3
"""Noise-free ("oracle") figures for gen_contact_history.py output, with the split of
core/examples/forecast_eval.rs: the generator's expected values scored as a forecast.

    python oracle.py DIR      # DIR written by gen_contact_history.py --out-dir DIR

Prints the interval WAPE and daily-total WAPE of the last 4 weeks, the handled-weighted
AHT WAPE, and the long-term WAPE of the last 90 days of daily totals. Needs numpy, pandas.
"""
import pandas as pd, numpy as np, sys, glob
d=sys.argv[1]
f=glob.glob(d+'/intervals_*min.csv')[0]; step=int(f.split('_')[-1][:2])
iv=pd.read_csv(f); ex=pd.read_csv(d+f'/expected_{step}min.csv')
iv=iv.merge(ex,on=['QueueId','ChannelType','TimeStamp'])
iv['ts']=pd.to_datetime(iv.TimeStamp)
end=iv.ts.max()+pd.Timedelta(minutes=step); t0=end-pd.Timedelta(days=28)
t=iv[iv.ts>=t0].copy()
a=t.IncomingContactVolume; e=t.ExpectedVolume
print('interval WAPE truth %.4f'%((e-a).abs().sum()/a.sum()))
t['day']=t.ts.dt.floor('D')
g=t.groupby(['QueueId','ChannelType','day'])[['IncomingContactVolume','ExpectedVolume']].sum()
print('daily-total WAPE truth %.4f'%((g.ExpectedVolume-g.IncomingContactVolume).abs().sum()/g.IncomingContactVolume.sum()))
h=t.ContactsHandled
print('AHT WAPE truth %.4f'%((h*(t.ExpectedAHT-t.AverageHandleTime).abs()).sum()/(h*t.AverageHandleTime).sum()))
dd=pd.read_csv(d+'/daily.csv'); ed=pd.read_csv(d+'/expected_daily.csv')
dd=dd.merge(ed,on=['QueueId','ChannelType','TimeStamp']); dd['ts']=pd.to_datetime(dd.TimeStamp)
parts=[]
for k,g in dd.groupby(['QueueId','ChannelType']):
    parts.append(g.sort_values('ts').tail(90))
x=pd.concat(parts)
print('LT WAPE truth %.4f'%((x.ExpectedVolume-x.IncomingContactVolume).abs().sum()/x.IncomingContactVolume.sum()))
