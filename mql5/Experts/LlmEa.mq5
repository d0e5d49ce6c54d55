//+------------------------------------------------------------------+
//|                                                        LlmEa.mq5 |
//| Trades the decisions of the llm-ea strategy (GPT-2 fine-tuned on  |
//| price history) through llmea.dll. The strategy decides in Java;   |
//| this EA only feeds it closes and the position and executes.       |
//| Setup: docs/mt5-setup.md. Needs DLL imports allowed; MQL5 Cloud   |
//| Network agents refuse DLLs, use local agents in the tester.       |
//+------------------------------------------------------------------+
#property copyright   "llm-ea"
#property version     "0.10"
#property description "GPT-2 forecasts from the llm-ea bridge (llmea.dll), one decision per new bar."
#property description "Config path is relative to the common data folder's Files (File > Open Common Data Folder)."

#include <Trade\Trade.mqh>
#include <LlmEa\Bridge.mqh>
#include <LlmEa\Config.mqh>
#include <LlmEa\Journal.mqh>

#define LLMEA_FORECAST_CAP 8192

//--- inputs
input group "Strategy"
input string InpConfig     = "llm-ea\\strategy.conf"; // Strategy config, under Common\Files
input double InpThreshold  = -1;                      // Signal threshold, points (-1: as in the config)
input group "Trading"
input double InpLots       = -1;                      // Lots (-1: as in the config)
input ulong  InpMagic      = 20240601;                // Magic number
input int    InpStopLoss   = -1;                      // Stop-loss, points (0: none, -1: as in the config)
input int    InpTakeProfit = -1;                      // Take-profit, points (0: none, -1: as in the config)
input int    InpMaxBars    = -1;                      // Maximum holding time, bars (0: none, -1: as in the config)
input ulong  InpDeviation  = 10;                      // Maximum price deviation, points
input group "Journal"
input bool   InpJournal    = true;                    // Write the journal CSV (Common\Files\llm-ea\journal)

//--- the position this EA holds on the chart's symbol
struct LlmPosition
  {
   int               state;      // LLMEA_POS_*
   double            volume;     // lots
   double            price;      // open price (volume-weighted on a hedging account)
   int               bars_held;  // bars since it was opened, 0 on its own bar
   int               count;      // positions found (more than one only on a hedging account)
  };

//--- globals
CTrade      g_trade;
CLlmConfig  g_config;
CLlmJournal g_journal;
long        g_handle=0;          // the bridge's strategy handle
int         g_lookback=20;       // closes passed per bar
int         g_sl_points=0;
int         g_tp_points=0;
string      g_derived="";        // the config copy with the inputs' overrides, deleted in OnDeinit
datetime    g_last_bar=0;
string      g_last_hash="";      // closes hash of the last decision, carried to its deals

//+------------------------------------------------------------------+
//| Expert initialization function                                   |
//+------------------------------------------------------------------+
int OnInit()
  {
   if(!CheckDllsAllowed())
      return(INIT_FAILED);
   string path;
   if(!PrepareConfig(path))
      return(INIT_FAILED);
   g_handle=llmea_open(path);
   if(g_handle<=0)
     {
      PrintFormat("llm-ea: cannot open the strategy %s: %s: %s",path,LlmeaStatusName(g_handle),LlmeaLastError(0));
      g_handle=0;
      return(INIT_FAILED);
     }
//--- the strategy says how many closes it needs (ma-cross: its slow period, not the config's lookback)
   int need=llmea_lookback(g_handle);
   if(need<=0)
     {
      PrintFormat("llm-ea: the bridge gave no lookback: %s",LlmeaStatusName(need));
      llmea_close(g_handle);
      g_handle=0;
      return(INIT_FAILED);
     }
   g_lookback=need;
   g_trade.SetExpertMagicNumber(InpMagic);
   g_trade.SetDeviationInPoints(InpDeviation);
   g_trade.SetTypeFillingBySymbol(_Symbol);
   g_trade.SetMarginMode();
   g_trade.LogLevel(LOG_LEVEL_ERRORS);
   if(InpJournal && !OpenJournal())
      return(INIT_FAILED);
//--- live: the first decision is at the next bar's open, not in the middle of the current bar
   if(!MQLInfoInteger(MQL_TESTER))
      g_last_bar=iTime(_Symbol,_Period,0);
   PrintFormat("%s: %s %s, %d closes a bar, SL %d TP %d points, magic %s, journal %s",LlmeaVersion(),_Symbol,
               PeriodName(),g_lookback,g_sl_points,g_tp_points,IntegerToString((long)InpMagic),
               InpJournal ? g_journal.Name() : "off");
   return(INIT_SUCCEEDED);
  }

//+------------------------------------------------------------------+
//| Expert deinitialization function                                 |
//+------------------------------------------------------------------+
void OnDeinit(const int reason)
  {
   if(g_handle>0)
      llmea_close(g_handle);
   g_handle=0;
   g_journal.Close();
   if(g_derived!="")
      FileDelete(g_derived,FILE_COMMON);
  }

//+------------------------------------------------------------------+
//| Expert tick function: one decision at the open of each new bar   |
//+------------------------------------------------------------------+
void OnTick()
  {
   datetime bar_time=iTime(_Symbol,_Period,0);
   if(bar_time==0 || bar_time==g_last_bar)
      return;
   g_last_bar=bar_time;
   OnNewBar(bar_time);
  }

//+------------------------------------------------------------------+
//| Journals every deal of this EA, including stop-loss/take-profit  |
//+------------------------------------------------------------------+
void OnTradeTransaction(const MqlTradeTransaction &trans,const MqlTradeRequest &request,const MqlTradeResult &result)
  {
   if(trans.type!=TRADE_TRANSACTION_DEAL_ADD || !g_journal.IsOpen() || !HistoryDealSelect(trans.deal))
      return;
   if(HistoryDealGetString(trans.deal,DEAL_SYMBOL)!=_Symbol || HistoryDealGetInteger(trans.deal,DEAL_MAGIC)!=(long)InpMagic)
      return;
   ENUM_DEAL_TYPE  type=(ENUM_DEAL_TYPE)HistoryDealGetInteger(trans.deal,DEAL_TYPE);
   ENUM_DEAL_ENTRY entry=(ENUM_DEAL_ENTRY)HistoryDealGetInteger(trans.deal,DEAL_ENTRY);
   ENUM_DEAL_REASON why=(ENUM_DEAL_REASON)HistoryDealGetInteger(trans.deal,DEAL_REASON);
   string action=(type==DEAL_TYPE_BUY ? "BUY" : type==DEAL_TYPE_SELL ? "SELL" : "OTHER");
   action+=(entry==DEAL_ENTRY_IN ? "_IN" : entry==DEAL_ENTRY_OUT ? "_OUT" : entry==DEAL_ENTRY_INOUT ? "_INOUT" : "_OUT_BY");
   string reason=StringSubstr(EnumToString(why),12);   // DEAL_REASON_EXPERT -> EXPERT, _SL, _TP, _SO
   g_journal.Deal(iTime(_Symbol,_Period,0),g_last_hash,action,HistoryDealGetDouble(trans.deal,DEAL_VOLUME),
                  HistoryDealGetDouble(trans.deal,DEAL_PRICE),trans.deal,reason);
  }

//+------------------------------------------------------------------+
//| Asks the strategy and executes its answer                        |
//+------------------------------------------------------------------+
void OnNewBar(const datetime bar_time)
  {
   double closes[];
   if(!CopyLastCloses(closes))
      return;
   g_last_hash=LlmClosesHash(closes,g_lookback,_Digits);
   LlmPosition pos;
   ReadPosition(pos);
   int    action=LLMEA_ACT_NONE;
   double volume=0;
   string forecast;
   StringInit(forecast,LLMEA_FORECAST_CAP,0);
   int status=llmea_on_bar(g_handle,(long)bar_time,closes,g_lookback,pos.state,pos.volume,pos.price,pos.bars_held,
                           action,volume,forecast,LLMEA_FORECAST_CAP);
   if(status!=LLMEA_OK)
     {
      string error=LlmeaLastError(g_handle);
      PrintFormat("llm-ea: no decision at %s: %s: %s",TimeToString(bar_time),LlmeaStatusName(status),error);
      g_journal.Error(bar_time,g_last_hash,"NONE",0,LlmeaStatusName(status)+": "+error);
      return;
     }
   g_journal.Decision(bar_time,g_last_hash,LlmeaActionName(action),volume,LlmeaLastReason(g_handle));
   Execute(bar_time,action,volume,pos);
  }

//+------------------------------------------------------------------+
//| Closes of bars shift g_lookback..1, oldest first                 |
//+------------------------------------------------------------------+
bool CopyLastCloses(double &closes[])
  {
//--- CopyClose puts the oldest bar first whatever the array's AS_SERIES flag
   ArraySetAsSeries(closes,false);
   ResetLastError();
   int copied=CopyClose(_Symbol,_Period,1,g_lookback,closes);
   if(copied==g_lookback)
      return(true);
   int error=GetLastError();
   PrintFormat("llm-ea: %d of %d closes available at %s (error %d); no decision on this bar",copied,g_lookback,
               TimeToString(g_last_bar),error);
   g_journal.Error(g_last_bar,"","NONE",0,StringFormat("%d of %d closes available (error %d)",copied,g_lookback,error));
   return(false);
  }

//+------------------------------------------------------------------+
//| The position of this symbol and magic (netting or hedging)       |
//+------------------------------------------------------------------+
void ReadPosition(LlmPosition &pos)
  {
   pos.state=LLMEA_POS_FLAT;
   pos.volume=0;
   pos.price=0;
   pos.bars_held=0;
   pos.count=0;
   datetime opened=0;
   double   cost=0;
   for(int i=PositionsTotal()-1; i>=0; i--)
     {
      ulong ticket=PositionGetTicket(i);
      if(ticket==0 || !IsOurPosition())
         continue;
      int    state=(PositionGetInteger(POSITION_TYPE)==POSITION_TYPE_BUY ? LLMEA_POS_LONG : LLMEA_POS_SHORT);
      double lots=PositionGetDouble(POSITION_VOLUME);
      if(pos.count>0 && state!=pos.state)
        {
         PrintFormat("llm-ea: both long and short positions with magic %s on %s; the strategy sees the first one",
                     IntegerToString((long)InpMagic),_Symbol);
         continue;
        }
      pos.state=state;
      pos.volume+=lots;
      cost+=lots*PositionGetDouble(POSITION_PRICE_OPEN);
      datetime t=(datetime)PositionGetInteger(POSITION_TIME);
      if(opened==0 || t<opened)
         opened=t;
      pos.count++;
     }
   if(pos.count==0)
      return;
   pos.price=(pos.volume>0 ? NormalizeDouble(cost/pos.volume,_Digits) : 0);
   int shift=iBarShift(_Symbol,_Period,opened,false);
   pos.bars_held=(shift<0 ? 0 : shift);
  }

//+------------------------------------------------------------------+
//| Is the selected position this EA's?                              |
//+------------------------------------------------------------------+
bool IsOurPosition(void)
  {
   return(PositionGetString(POSITION_SYMBOL)==_Symbol && PositionGetInteger(POSITION_MAGIC)==(long)InpMagic);
  }

//+------------------------------------------------------------------+
//| Executes the strategy's action, once: no retry within the bar    |
//+------------------------------------------------------------------+
void Execute(const datetime bar_time,const int action,const double volume,const LlmPosition &pos)
  {
   switch(action)
     {
      case LLMEA_ACT_NONE:
         return;
      case LLMEA_ACT_OPEN_BUY:
      case LLMEA_ACT_OPEN_SELL:
         if(pos.state!=LLMEA_POS_FLAT)
           {
            PrintFormat("llm-ea: %s ignored: a position is already open (close or reverse it first)",LlmeaActionName(action));
            g_journal.Error(bar_time,g_last_hash,LlmeaActionName(action),volume,"ignored: position already open");
            return;
           }
         OpenPosition(bar_time,action==LLMEA_ACT_OPEN_BUY,volume,"open");
         return;
      case LLMEA_ACT_CLOSE:
         ClosePositions(bar_time);
         return;
      case LLMEA_ACT_REVERSE:
         Reverse(bar_time,volume,pos);
         return;
     }
   PrintFormat("llm-ea: unknown action %d from the bridge; nothing done",action);
  }

//+------------------------------------------------------------------+
//| Close and open the opposite way                                  |
//+------------------------------------------------------------------+
void Reverse(const datetime bar_time,const double volume,const LlmPosition &pos)
  {
   if(pos.state==LLMEA_POS_FLAT)
     {
      Print("llm-ea: REVERSE ignored: no position to reverse");
      g_journal.Error(bar_time,g_last_hash,"REVERSE",volume,"ignored: no position");
      return;
     }
   bool buy=(pos.state==LLMEA_POS_SHORT);
//--- netting: one deal of both volumes (an in/out deal, as the tester makes it)
   if(!IsHedging())
     {
      OpenPosition(bar_time,buy,pos.volume+volume,"reverse");
      return;
     }
//--- hedging: close, then open
   if(ClosePositions(bar_time))
      OpenPosition(bar_time,buy,volume,"reverse");
  }

//+------------------------------------------------------------------+
//| A market order with the configured stop-loss and take-profit     |
//+------------------------------------------------------------------+
bool OpenPosition(const datetime bar_time,const bool buy,const double lots,const string why)
  {
   double volume=NormalizeVolume(lots);
   string what=StringFormat("%s %s %.2f lots %s",why,buy ? "buy" : "sell",lots,_Symbol);
   if(volume<=0)
     {
      PrintFormat("llm-ea: %s refused: volume below the symbol's minimum %.2f",what,
                  SymbolInfoDouble(_Symbol,SYMBOL_VOLUME_MIN));
      g_journal.Error(bar_time,g_last_hash,buy ? "BUY" : "SELL",lots,"volume below the symbol minimum");
      return(false);
     }
   double price=SymbolInfoDouble(_Symbol,buy ? SYMBOL_ASK : SYMBOL_BID);
   double sl=0,tp=0;
   if(g_sl_points>0)
      sl=NormalizeDouble(buy ? price-g_sl_points*_Point : price+g_sl_points*_Point,_Digits);
   if(g_tp_points>0)
      tp=NormalizeDouble(buy ? price+g_tp_points*_Point : price-g_tp_points*_Point,_Digits);
   bool sent=(buy ? g_trade.Buy(volume,_Symbol,price,sl,tp,"llm-ea "+why)
                  : g_trade.Sell(volume,_Symbol,price,sl,tp,"llm-ea "+why));
   return(CheckResult(bar_time,sent,what,buy ? "BUY" : "SELL",volume));
  }

//+------------------------------------------------------------------+
//| Closes every position of this EA on the symbol                   |
//+------------------------------------------------------------------+
bool ClosePositions(const datetime bar_time)
  {
   bool ok=true;
   for(int i=PositionsTotal()-1; i>=0; i--)
     {
      ulong ticket=PositionGetTicket(i);
      if(ticket==0 || !IsOurPosition())
         continue;
      double lots=PositionGetDouble(POSITION_VOLUME);
      bool sent=g_trade.PositionClose(ticket,InpDeviation);
      if(!CheckResult(bar_time,sent,"close #"+IntegerToString((long)ticket),"CLOSE",lots))
         ok=false;
     }
   return(ok);
  }

//+------------------------------------------------------------------+
//| Checks a trade result; logs one clear line when it failed        |
//+------------------------------------------------------------------+
bool CheckResult(const datetime bar_time,const bool sent,const string what,const string action,const double lots)
  {
   uint retcode=g_trade.ResultRetcode();
   if(sent && (retcode==TRADE_RETCODE_DONE || retcode==TRADE_RETCODE_DONE_PARTIAL || retcode==TRADE_RETCODE_PLACED))
      return(true);
   string advice;
   switch(retcode)
     {
      case TRADE_RETCODE_REQUOTE:
      case TRADE_RETCODE_PRICE_CHANGED:
      case TRADE_RETCODE_PRICE_OFF:
         advice="the price moved; not retried, the strategy decides again at the next bar (raise the deviation if frequent)";
         break;
      case TRADE_RETCODE_INVALID_STOPS:
         advice=StringFormat("stop-loss/take-profit too close: the broker needs at least %d points",
                             (int)SymbolInfoInteger(_Symbol,SYMBOL_TRADE_STOPS_LEVEL));
         break;
      case TRADE_RETCODE_MARKET_CLOSED:
         advice="the market is closed; the strategy decides again at the next bar";
         break;
      case TRADE_RETCODE_NO_MONEY:
         advice=StringFormat("not enough free margin (%.2f %s) for %.2f lots; lower the lots",
                             AccountInfoDouble(ACCOUNT_MARGIN_FREE),AccountInfoString(ACCOUNT_CURRENCY),lots);
         break;
      case TRADE_RETCODE_INVALID_VOLUME:
         advice=StringFormat("volume %.2f not allowed (min %.2f, step %.2f, max %.2f)",lots,
                             SymbolInfoDouble(_Symbol,SYMBOL_VOLUME_MIN),SymbolInfoDouble(_Symbol,SYMBOL_VOLUME_STEP),
                             SymbolInfoDouble(_Symbol,SYMBOL_VOLUME_MAX));
         break;
      case TRADE_RETCODE_TRADE_DISABLED:
      case TRADE_RETCODE_CLIENT_DISABLES_AT:
         advice="trading is disabled: enable Algo Trading in the terminal and check the symbol's trade mode";
         break;
      default:
         advice=StringFormat("last error %d",GetLastError());
     }
   string line=StringFormat("%s failed: retcode %u (%s): %s",what,retcode,g_trade.ResultRetcodeDescription(),advice);
   Print("llm-ea: "+line);
   g_journal.Error(bar_time,g_last_hash,action,lots,line);
   return(false);
  }

//+------------------------------------------------------------------+
//| Lots rounded down to the symbol's step, capped; 0 if below min   |
//+------------------------------------------------------------------+
double NormalizeVolume(const double lots)
  {
   double step=SymbolInfoDouble(_Symbol,SYMBOL_VOLUME_STEP);
   double vmin=SymbolInfoDouble(_Symbol,SYMBOL_VOLUME_MIN);
   double vmax=SymbolInfoDouble(_Symbol,SYMBOL_VOLUME_MAX);
   double v=(step>0 ? MathFloor(lots/step+1e-9)*step : lots);
   if(v<vmin)
      return(0);
   return(NormalizeDouble(MathMin(v,vmax),8));
  }

//+------------------------------------------------------------------+
//| Is the account hedging (several positions per symbol)?           |
//+------------------------------------------------------------------+
bool IsHedging(void)
  {
   return((ENUM_ACCOUNT_MARGIN_MODE)AccountInfoInteger(ACCOUNT_MARGIN_MODE)==ACCOUNT_MARGIN_MODE_RETAIL_HEDGING);
  }

//+------------------------------------------------------------------+
//| DLL imports must be allowed in the terminal and for this EA      |
//+------------------------------------------------------------------+
bool CheckDllsAllowed(void)
  {
   if(!TerminalInfoInteger(TERMINAL_DLLS_ALLOWED))
     {
      Print("llm-ea: DLL imports are disabled in the terminal: Tools > Options > Expert Advisors > check 'Allow DLL imports'.",
            " In the Strategy Tester use local agents: MQL5 Cloud Network agents never allow DLLs.");
      return(false);
     }
   if(!MQLInfoInteger(MQL_DLLS_ALLOWED))
     {
      Print("llm-ea: DLL imports are not allowed for this EA: in its properties (F7), Dependencies/Common tab,",
            " check 'Allow DLL imports', then attach it again.");
      return(false);
     }
   return(true);
  }

//+------------------------------------------------------------------+
//| Reads the config, applies the inputs' overrides to a copy, and   |
//| gives the absolute path the bridge opens                         |
//+------------------------------------------------------------------+
bool PrepareConfig(string &path)
  {
   string error;
   if(!g_config.Load(InpConfig,error))
     {
      Print("llm-ea: "+error);
      return(false);
     }
   bool changed=false;
   if(InpThreshold>=0)
     {
      g_config.Set(LLMEA_KEY_THRESHOLD,DoubleToString(InpThreshold,8));
      changed=true;
     }
   if(InpLots>=0)
     {
      g_config.Set(LLMEA_KEY_LOTS,DoubleToString(InpLots,8));
      changed=true;
     }
   if(InpStopLoss>=0)
     {
      g_config.Set(LLMEA_KEY_STOP_LOSS,IntegerToString(InpStopLoss));
      changed=true;
     }
   if(InpTakeProfit>=0)
     {
      g_config.Set(LLMEA_KEY_TAKE_PROFIT,IntegerToString(InpTakeProfit));
      changed=true;
     }
   if(InpMaxBars>=0)
     {
      g_config.Set(LLMEA_KEY_MAX_BARS,IntegerToString(InpMaxBars));
      changed=true;
     }
   g_lookback=(int)StringToInteger(g_config.Get(LLMEA_KEY_LOOKBACK,"20"));
   g_sl_points=(int)StringToInteger(g_config.Get(LLMEA_KEY_STOP_LOSS,"0"));
   g_tp_points=(int)StringToInteger(g_config.Get(LLMEA_KEY_TAKE_PROFIT,"0"));
   if(g_lookback<1)
     {
      PrintFormat("llm-ea: %s: '%s' must be a whole number of bars above 0",InpConfig,LLMEA_KEY_LOOKBACK);
      return(false);
     }
   string file=InpConfig;
   if(changed)
     {
      //--- one copy per terminal or tester agent and magic, next to the original so relative paths still resolve
      string tag=StringSubstr(LlmFnv1a64(TerminalInfoString(TERMINAL_DATA_PATH)+"|"+IntegerToString((long)InpMagic)),0,8);
      file=InpConfig+".ea-"+tag+".conf";
      if(!g_config.Save(file,error))
        {
         Print("llm-ea: "+error);
         return(false);
        }
      g_derived=file;
     }
   path=TerminalInfoString(TERMINAL_COMMONDATA_PATH)+"\\Files\\"+file;
   return(true);
  }

//+------------------------------------------------------------------+
//| Journal file: truncated for each tester run, appended live       |
//+------------------------------------------------------------------+
bool OpenJournal(void)
  {
   bool tester=(bool)MQLInfoInteger(MQL_TESTER);
   string name=StringFormat("llm-ea\\journal\\%s_%s_%s%s.csv",_Symbol,PeriodName(),IntegerToString((long)InpMagic),
                            tester ? "_tester" : "");
   return(g_journal.Open(name,!tester,_Digits));
  }

//+------------------------------------------------------------------+
//| "M5", "H1", ... of the chart                                     |
//+------------------------------------------------------------------+
string PeriodName(void)
  {
   return(StringSubstr(EnumToString(_Period),7));
  }
//+------------------------------------------------------------------+
