//+------------------------------------------------------------------+
//|                                                      Journal.mqh |
//| The EA's journal: one CSV line per decision, per deal and per     |
//| refused order, in Common\Files\llm-ea\journal\, for diffing a     |
//| Strategy Tester run against the harness (docs/mt5-setup.md;       |
//| com.llmea.backtest.EaJournal reads it and reproduces the hash).   |
//|                                                                  |
//| bar_time,event,closes_hash,action,volume,price,deal,reason        |
//+------------------------------------------------------------------+
#ifndef LLMEA_JOURNAL_MQH
#define LLMEA_JOURNAL_MQH

#define LLMEA_JOURNAL_HEADER "bar_time,event,closes_hash,action,volume,price,deal,reason"

//+------------------------------------------------------------------+
//| FNV-1a 64 of a text's UTF-16 units taken as bytes (the texts     |
//| hashed here are ASCII): 16 lower-case hex digits                 |
//+------------------------------------------------------------------+
string LlmFnv1a64(const string text)
  {
   ulong hash=0xcbf29ce4;                    // the FNV offset basis 0xcbf29ce484222325,
   hash=(hash<<32)|0x84222325;               // built from halves that fit any integer literal
   const ulong prime=0x100000001b3;          // the FNV 64-bit prime
   int len=StringLen(text);
   for(int i=0; i<len; i++)
     {
      hash^=(ulong)(StringGetCharacter(text,i)&0xFF);
      hash*=prime;                           // wraps modulo 2^64
     }
   string digits="0123456789abcdef";
   string hex="";
   for(int shift=60; shift>=0; shift-=4)
      hex+=StringSubstr(digits,(int)((hash>>shift)&0xF),1);
   return(hex);
  }

//+------------------------------------------------------------------+
//| The closes as the hash sees them: each printed with 'digits'     |
//| decimals, oldest first, joined by one space                      |
//+------------------------------------------------------------------+
string LlmClosesText(const double &closes[],const int n,const int digits)
  {
   string text="";
   for(int i=0; i<n; i++)
     {
      if(i>0)
         text+=" ";
      text+=DoubleToString(closes[i],digits);
     }
   return(text);
  }

//+------------------------------------------------------------------+
//| The closes hash written in the journal                           |
//+------------------------------------------------------------------+
string LlmClosesHash(const double &closes[],const int n,const int digits)
  {
   return(LlmFnv1a64(LlmClosesText(closes,n,digits)));
  }

//+------------------------------------------------------------------+
//| The journal file                                                 |
//+------------------------------------------------------------------+
class CLlmJournal
  {
private:
   int               m_handle;
   int               m_digits;
   string            m_name;
   void              Line(const datetime bar_time,const string event,const string hash,const string action,
                          const string volume,const string price,const string deal,const string reason);
public:
                     CLlmJournal(void) : m_handle(INVALID_HANDLE), m_digits(5), m_name("") {}
                    ~CLlmJournal(void) { Close(); }
   bool              Open(const string name,const bool append,const int digits);
   void              Close(void);
   bool              IsOpen(void) const { return(m_handle!=INVALID_HANDLE); }
   string            Name(void) const { return(m_name); }
   void              Decision(const datetime bar_time,const string hash,const string action,const double volume,
                              const string reason);
   void              Deal(const datetime bar_time,const string hash,const string action,const double volume,
                          const double price,const ulong deal,const string reason);
   void              Error(const datetime bar_time,const string hash,const string action,const double volume,
                           const string reason);
  };

//+------------------------------------------------------------------+
//| Opens (or continues) a journal under Common\Files                |
//+------------------------------------------------------------------+
bool CLlmJournal::Open(const string name,const bool append,const int digits)
  {
   Close();
   m_name=name;
   m_digits=digits;
   int flags=FILE_BIN|FILE_WRITE|FILE_COMMON|FILE_SHARE_READ;
   if(append)
      flags|=FILE_READ;
   ResetLastError();
   m_handle=FileOpen(name,flags);
   if(m_handle==INVALID_HANDLE)
     {
      PrintFormat("llm-ea: cannot write the journal %s in %s\\Files: error %d",name,
                  TerminalInfoString(TERMINAL_COMMONDATA_PATH),GetLastError());
      return(false);
     }
   if(FileSize(m_handle)==0)
     {
      uchar bytes[];
      int n=StringToCharArray(LLMEA_JOURNAL_HEADER+"\r\n",bytes,0,WHOLE_ARRAY,CP_UTF8);
      FileWriteArray(m_handle,bytes,0,n-1);
     }
   else
      FileSeek(m_handle,0,SEEK_END);
   return(true);
  }

//+------------------------------------------------------------------+
//| Closes the file                                                  |
//+------------------------------------------------------------------+
void CLlmJournal::Close(void)
  {
   if(m_handle!=INVALID_HANDLE)
      FileClose(m_handle);
   m_handle=INVALID_HANDLE;
  }

//+------------------------------------------------------------------+
//| One line; the reason is last and may hold commas, never newlines |
//+------------------------------------------------------------------+
void CLlmJournal::Line(const datetime bar_time,const string event,const string hash,const string action,
                       const string volume,const string price,const string deal,const string reason)
  {
   if(m_handle==INVALID_HANDLE)
      return;
   string why=reason;
   StringReplace(why,"\r"," ");
   StringReplace(why,"\n"," ");
   string line=TimeToString(bar_time,TIME_DATE|TIME_SECONDS)+","+event+","+hash+","+action+","+volume+","+price+","+deal+","+why+"\r\n";
   uchar bytes[];
   int n=StringToCharArray(line,bytes,0,WHOLE_ARRAY,CP_UTF8);
   FileWriteArray(m_handle,bytes,0,n-1);
   FileFlush(m_handle);
  }

//+------------------------------------------------------------------+
//| A decision of the strategy                                       |
//+------------------------------------------------------------------+
void CLlmJournal::Decision(const datetime bar_time,const string hash,const string action,const double volume,
                           const string reason)
  {
   Line(bar_time,"DECISION",hash,action,DoubleToString(volume,2),"","",reason);
  }

//+------------------------------------------------------------------+
//| A deal of this EA (opened, closed, reversed, stop-loss, ...)     |
//+------------------------------------------------------------------+
void CLlmJournal::Deal(const datetime bar_time,const string hash,const string action,const double volume,
                       const double price,const ulong deal,const string reason)
  {
   Line(bar_time,"DEAL",hash,action,DoubleToString(volume,2),DoubleToString(price,m_digits),
        IntegerToString((long)deal),reason);
  }

//+------------------------------------------------------------------+
//| A failure: no decision, or an order the server refused           |
//+------------------------------------------------------------------+
void CLlmJournal::Error(const datetime bar_time,const string hash,const string action,const double volume,
                        const string reason)
  {
   Line(bar_time,"ERROR",hash,action,DoubleToString(volume,2),"","",reason);
  }

#endif
//+------------------------------------------------------------------+
