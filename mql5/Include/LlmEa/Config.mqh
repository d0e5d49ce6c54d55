//+------------------------------------------------------------------+
//|                                                       Config.mqh |
//| The strategy config file (key = value lines, # or ; comments, no  |
//| escapes; see StrategyConfig.java and docs/strategy.md) as the EA  |
//| reads it from Common\Files, and the copy it writes when inputs    |
//| override keys, so the bridge and the EA see the same values.      |
//+------------------------------------------------------------------+
#ifndef LLMEA_CONFIG_MQH
#define LLMEA_CONFIG_MQH

//--- keys the EA reads or overrides (must match docs/strategy.md)
#define LLMEA_KEY_LOOKBACK     "lookback"
#define LLMEA_KEY_THRESHOLD    "threshold_points"
#define LLMEA_KEY_LOTS         "lots"
#define LLMEA_KEY_STOP_LOSS    "stop_loss_points"
#define LLMEA_KEY_TAKE_PROFIT  "take_profit_points"
#define LLMEA_KEY_MAX_BARS     "max_bars"

//+------------------------------------------------------------------+
//| A config file kept line by line                                  |
//+------------------------------------------------------------------+
class CLlmConfig
  {
private:
   string            m_lines[];    // the lines as read (or as set)
   string            m_keys[];     // per line: the key in lower case, "" for comments and blank lines
   string            m_values[];   // per line: the value
   int               Find(const string key) const;
   void              Add(const string line);
public:
   bool              Load(const string file,string &error);
   bool              Save(const string file,string &error) const;
   string            Get(const string key,const string def) const;
   void              Set(const string key,const string value);
  };

//+------------------------------------------------------------------+
//| Reads a UTF-8 file (BOM allowed, LF or CRLF) from Common\Files   |
//+------------------------------------------------------------------+
bool CLlmConfig::Load(const string file,string &error)
  {
   ArrayResize(m_lines,0);
   ArrayResize(m_keys,0);
   ArrayResize(m_values,0);
   ResetLastError();
   int h=FileOpen(file,FILE_READ|FILE_BIN|FILE_COMMON|FILE_SHARE_READ);
   if(h==INVALID_HANDLE)
     {
      error=StringFormat("cannot read the config %s in %s\\Files (error %d): put it there, the path relative to that folder",
                         file,TerminalInfoString(TERMINAL_COMMONDATA_PATH),GetLastError());
      return(false);
     }
   uchar bytes[];
   FileReadArray(h,bytes,0,(int)FileSize(h));
   FileClose(h);
   string text=CharArrayToString(bytes,0,WHOLE_ARRAY,CP_UTF8);
   if(StringLen(text)>0 && StringGetCharacter(text,0)==0xFEFF)
      text=StringSubstr(text,1);
   string lines[];
   int n=StringSplit(text,'\n',lines);
   for(int i=0; i<n; i++)
     {
      string line=lines[i];
      StringReplace(line,"\r","");
      Add(line);
     }
   return(true);
  }

//+------------------------------------------------------------------+
//| Adds a line, parsed as StrategyConfig parses it                  |
//+------------------------------------------------------------------+
void CLlmConfig::Add(const string line)
  {
   int i=ArraySize(m_lines);
   ArrayResize(m_lines,i+1);
   ArrayResize(m_keys,i+1);
   ArrayResize(m_values,i+1);
   m_lines[i]=line;
   m_keys[i]="";
   m_values[i]="";
   string t=line;
   StringTrimLeft(t);
   StringTrimRight(t);
   if(t=="" || StringGetCharacter(t,0)=='#' || StringGetCharacter(t,0)==';')
      return;
   int eq=StringFind(t,"=");
   if(eq<=0)
      return;                                // the bridge reports the malformed line
   string key=StringSubstr(t,0,eq);
   string value=StringSubstr(t,eq+1);
   StringTrimRight(key);
   StringToLower(key);
   StringTrimLeft(value);
   m_keys[i]=key;
   m_values[i]=value;
  }

//+------------------------------------------------------------------+
//| The line index of a key, or -1                                   |
//+------------------------------------------------------------------+
int CLlmConfig::Find(const string key) const
  {
   for(int i=0; i<ArraySize(m_keys); i++)
      if(m_keys[i]==key)
         return(i);
   return(-1);
  }

//+------------------------------------------------------------------+
//| A value, or def when the key is absent or empty                  |
//+------------------------------------------------------------------+
string CLlmConfig::Get(const string key,const string def) const
  {
   int i=Find(key);
   if(i<0 || m_values[i]=="")
      return(def);
   return(m_values[i]);
  }

//+------------------------------------------------------------------+
//| Replaces a key's line, or appends one                            |
//+------------------------------------------------------------------+
void CLlmConfig::Set(const string key,const string value)
  {
   int i=Find(key);
   if(i<0)
     {
      Add(key+" = "+value);
      return;
     }
   m_lines[i]=key+" = "+value;
   m_values[i]=value;
  }

//+------------------------------------------------------------------+
//| Writes the lines as UTF-8 with CRLF to Common\Files              |
//+------------------------------------------------------------------+
bool CLlmConfig::Save(const string file,string &error) const
  {
   ResetLastError();
   int h=FileOpen(file,FILE_WRITE|FILE_BIN|FILE_COMMON);
   if(h==INVALID_HANDLE)
     {
      error=StringFormat("cannot write %s in %s\\Files (error %d)",file,TerminalInfoString(TERMINAL_COMMONDATA_PATH),
                         GetLastError());
      return(false);
     }
   string text="# written by LlmEa from its inputs; deleted when the EA stops\r\n";
   for(int i=0; i<ArraySize(m_lines); i++)
      text+=m_lines[i]+"\r\n";
   uchar bytes[];
   int n=StringToCharArray(text,bytes,0,WHOLE_ARRAY,CP_UTF8);
   bool ok=(FileWriteArray(h,bytes,0,n-1)==(uint)(n-1));
   FileClose(h);
   if(!ok)
      error=StringFormat("cannot write %s (error %d)",file,GetLastError());
   return(ok);
  }

#endif
//+------------------------------------------------------------------+
