//+------------------------------------------------------------------+
//|                                                       Bridge.mqh |
//| The llm-ea bridge as MQL5 sees it: mirrors                        |
//| native-bridge/include/llmea.h exactly (a test compares them).     |
//|                                                                  |
//| Type mapping: int32_t -> int, int64_t -> long, double -> double,  |
//| const double* -> double &a[] (an array is passed as the address   |
//| of its first element, whatever its AS_SERIES flag),               |
//| const uint16_t* -> string, uint16_t* output buffer -> string &    |
//| pre-sized with StringInit, int32_t* -> int &, double* -> double &.|
//+------------------------------------------------------------------+
#ifndef LLMEA_BRIDGE_MQH
#define LLMEA_BRIDGE_MQH

//--- status codes (llmea_open returns a handle > 0 or one of the negative codes)
#define LLMEA_OK              0
#define LLMEA_ERR_ARGUMENT   -1
#define LLMEA_ERR_HANDLE     -2
#define LLMEA_ERR_CONFIG     -3
#define LLMEA_ERR_JVM        -4
#define LLMEA_ERR_JAVA       -5
#define LLMEA_ERR_BUFFER     -6
#define LLMEA_ERR_TIMEOUT    -7
#define LLMEA_ERR_INTERNAL   -8

//--- position state passed to llmea_on_bar
#define LLMEA_POS_FLAT   0
#define LLMEA_POS_LONG   1
#define LLMEA_POS_SHORT  2

//--- action returned by llmea_on_bar
#define LLMEA_ACT_NONE       0
#define LLMEA_ACT_OPEN_BUY   1
#define LLMEA_ACT_OPEN_SELL  2
#define LLMEA_ACT_CLOSE      3
#define LLMEA_ACT_REVERSE    4

//--- capacity of text buffers passed to the bridge, in UTF-16 units including the NUL
#define LLMEA_TEXT_CAP  1024

#import "llmea.dll"
int  llmea_version(string &buf, int cap);
long llmea_open(string config_path);
int  llmea_on_bar(long handle, long bar_time, double &closes[], int n,
                  int position_state, double position_volume, double position_price,
                  int bars_held, int &out_action, double &out_volume,
                  string &out_forecast, int forecast_cap);
int  llmea_lookback(long handle);
int  llmea_last_reason(long handle, string &buf, int cap);
int  llmea_last_error(long handle, string &buf, int cap);
int  llmea_close(long handle);
#import

//+------------------------------------------------------------------+
//| Name of a status code, for log lines                             |
//+------------------------------------------------------------------+
string LlmeaStatusName(const long status)
  {
   if(status>0)
      return("OK (handle)");
   switch((int)status)
     {
      case LLMEA_OK:           return("OK");
      case LLMEA_ERR_ARGUMENT: return("ERR_ARGUMENT");
      case LLMEA_ERR_HANDLE:   return("ERR_HANDLE");
      case LLMEA_ERR_CONFIG:   return("ERR_CONFIG");
      case LLMEA_ERR_JVM:      return("ERR_JVM");
      case LLMEA_ERR_JAVA:     return("ERR_JAVA");
      case LLMEA_ERR_BUFFER:   return("ERR_BUFFER");
      case LLMEA_ERR_TIMEOUT:  return("ERR_TIMEOUT");
      case LLMEA_ERR_INTERNAL: return("ERR_INTERNAL");
     }
   return("status "+IntegerToString(status));
  }

//+------------------------------------------------------------------+
//| Name of an action code, as the journal writes it                 |
//+------------------------------------------------------------------+
string LlmeaActionName(const int action)
  {
   switch(action)
     {
      case LLMEA_ACT_NONE:      return("NONE");
      case LLMEA_ACT_OPEN_BUY:  return("OPEN_BUY");
      case LLMEA_ACT_OPEN_SELL: return("OPEN_SELL");
      case LLMEA_ACT_CLOSE:     return("CLOSE");
      case LLMEA_ACT_REVERSE:   return("REVERSE");
     }
   return("ACTION_"+IntegerToString(action));
  }

//+------------------------------------------------------------------+
//| The bridge's message for the last failure (handle 0: of open)    |
//+------------------------------------------------------------------+
string LlmeaLastError(const long handle)
  {
   string buf;
   StringInit(buf,LLMEA_TEXT_CAP,0);        // sized here: a string returned by value may not keep its buffer
   int status=llmea_last_error(handle,buf,LLMEA_TEXT_CAP);
   if(status!=LLMEA_OK && status!=LLMEA_ERR_BUFFER)
      return("(no message: llmea_last_error returned "+LlmeaStatusName(status)+")");
   return(buf);
  }

//+------------------------------------------------------------------+
//| The reason for the last decision on a handle (one line)          |
//+------------------------------------------------------------------+
string LlmeaLastReason(const long handle)
  {
   string buf;
   StringInit(buf,LLMEA_TEXT_CAP,0);
   int status=llmea_last_reason(handle,buf,LLMEA_TEXT_CAP);
   if(status!=LLMEA_OK && status!=LLMEA_ERR_BUFFER)
      return("");
   return(buf);
  }

//+------------------------------------------------------------------+
//| "llm-ea <version>" of the loaded DLL                             |
//+------------------------------------------------------------------+
string LlmeaVersion(void)
  {
   string buf;
   StringInit(buf,LLMEA_TEXT_CAP,0);
   if(llmea_version(buf,LLMEA_TEXT_CAP)!=LLMEA_OK)
      return("llm-ea (unknown version)");
   return(buf);
  }

#endif
//+------------------------------------------------------------------+
