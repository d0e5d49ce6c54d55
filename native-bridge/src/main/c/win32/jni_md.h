/*
 * jni_md.h for Windows x64, written for the mingw-w64 build of the bridge (the Linux JDK here ships only
 * include/linux/jni_md.h). Same definitions as the Windows JDK's include/win32/jni_md.h.
 */
#ifndef _JAVASOFT_JNI_MD_H_
#define _JAVASOFT_JNI_MD_H_

#ifndef JNIEXPORT
#define JNIEXPORT __declspec(dllexport)
#endif
#define JNIIMPORT __declspec(dllimport)
#define JNICALL __stdcall

typedef long jint;        /* 32-bit on Windows (LLP64) */
typedef __int64 jlong;
typedef signed char jbyte;

#endif /* _JAVASOFT_JNI_MD_H_ */
