//+------------------------------------------------------------------+
//|                                             LlmEaExportBars.mq5 |
//| Writes a symbol's bar history as MetaTrader 5's "Export bars"     |
//| does (TAB-separated, <DATE> <TIME> <OPEN> <HIGH> <LOW> <CLOSE>    |
//| <TICKVOL> <VOL> <SPREAD>; D1 and above without <TIME>), into      |
//| Common\Files\llm-ea\, for `llm-ea dataset` and `llm-ea backtest`. |
//+------------------------------------------------------------------+
#property copyright   "llm-ea"
#property version     "0.10"
#property description "Exports bars with spread in MT5 'Export bars' format to Common\\Files\\llm-ea."
#property script_show_inputs

input string          InpSymbol = "";                // Symbol ("": the chart's)
input ENUM_TIMEFRAMES InpPeriod = PERIOD_CURRENT;    // Timeframe
input datetime        InpFrom   = D'2020.01.01 00:00'; // From
input datetime        InpTo     = 0;                 // To (0: now)
input string          InpFile   = "";                // File under Common\Files\llm-ea ("": SYMBOL_PERIOD.csv)

//+------------------------------------------------------------------+
//| Script program start function                                    |
//+------------------------------------------------------------------+
void OnStart()
  {
   string          symbol=(InpSymbol=="" ? _Symbol : InpSymbol);
   ENUM_TIMEFRAMES period=(InpPeriod==PERIOD_CURRENT ? _Period : InpPeriod);
   datetime        to=(InpTo==0 ? TimeCurrent() : InpTo);
   MqlRates rates[];
   ResetLastError();
//--- CopyRates puts the oldest bar first
   int n=CopyRates(symbol,period,InpFrom,to,rates);
   if(n<=0)
     {
      PrintFormat("LlmEaExportBars: no bars for %s %s from %s to %s (error %d); open a chart of it to load history",
                  symbol,PeriodName(period),TimeToString(InpFrom),TimeToString(to),GetLastError());
      return;
     }
   string file="llm-ea\\"+(InpFile=="" ? symbol+"_"+PeriodName(period)+".csv" : InpFile);
   int h=FileOpen(file,FILE_WRITE|FILE_BIN|FILE_COMMON);
   if(h==INVALID_HANDLE)
     {
      PrintFormat("LlmEaExportBars: cannot write %s in %s\\Files (error %d)",file,
                  TerminalInfoString(TERMINAL_COMMONDATA_PATH),GetLastError());
      return;
     }
   int  digits=(int)SymbolInfoInteger(symbol,SYMBOL_DIGITS);
   bool daily=(PeriodSeconds(period)>=PeriodSeconds(PERIOD_D1));
   WriteText(h,daily ? "<DATE>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\r\n"
                     : "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\r\n");
   for(int i=0; i<n; i++)
      WriteText(h,BarLine(rates[i],digits,daily));
   FileClose(h);
   PrintFormat("LlmEaExportBars: %d bars of %s %s (%s .. %s) written to %s\\Files\\%s",n,symbol,PeriodName(period),
               TimeToString(rates[0].time),TimeToString(rates[n-1].time),TerminalInfoString(TERMINAL_COMMONDATA_PATH),file);
  }

//+------------------------------------------------------------------+
//| One bar: 2024.01.02 TAB 00:05:00 TAB prices TAB volumes TAB spread |
//+------------------------------------------------------------------+
string BarLine(const MqlRates &r,const int digits,const bool daily)
  {
   string line=TimeToString(r.time,TIME_DATE);
   if(!daily)
      line+="\t"+TimeToString(r.time,TIME_SECONDS);
   line+="\t"+DoubleToString(r.open,digits)+"\t"+DoubleToString(r.high,digits)+"\t"+DoubleToString(r.low,digits)+
         "\t"+DoubleToString(r.close,digits)+"\t"+IntegerToString(r.tick_volume)+"\t"+IntegerToString(r.real_volume)+
         "\t"+IntegerToString(r.spread)+"\r\n";
   return(line);
  }

//+------------------------------------------------------------------+
//| Writes ASCII text as is                                          |
//+------------------------------------------------------------------+
void WriteText(const int handle,const string text)
  {
   uchar bytes[];
   int n=StringToCharArray(text,bytes,0,WHOLE_ARRAY,CP_UTF8);
   FileWriteArray(handle,bytes,0,n-1);
  }

//+------------------------------------------------------------------+
//| "M5", "H1", "D1" ...                                             |
//+------------------------------------------------------------------+
string PeriodName(const ENUM_TIMEFRAMES period)
  {
   return(StringSubstr(EnumToString(period),7));
  }
//+------------------------------------------------------------------+
