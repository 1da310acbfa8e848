#!/usr/bin/env python3
"""Generate src/Dcnum.App/Read/Hdf5/purehdf.rd.xml.

PureHDF builds generic methods with MakeGenericMethod at run time; Native AOT
only has code for instantiations rooted at compile time. This roots every one
PureHDF needs for the element types dcnum reads and writes (bool, all integer
widths, float, double, string; element T and T[]).
Usage: python3 tools/gen-rdxml.py > src/Dcnum.App/Read/Hdf5/purehdf.rd.xml
"""
P = ["Boolean", "Byte", "SByte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Single", "Double"]
S = P + ["String"]


def c(t):
    return f"System.{t}, System.Private.CoreLib"


def a(t):
    return f"System.{t}[], System.Private.CoreLib"


def m(name, *args):
    return f'    <Method Name="{name}">' + "".join(f'<GenericArgument Name="{x}" />' for x in args) + "</Method>"


out = ['<Directives xmlns="http://schemas.microsoft.com/netfx/2013/01/metadata">', "<Application>",
       '  <Assembly Name="System.Private.CoreLib">',
       '   <Type Name="System.Runtime.CompilerServices.RuntimeHelpers">']
out += [m("IsReferenceOrContainsReferences", c(t)) for t in P]
out += ["   </Type>", "  </Assembly>", '  <Assembly Name="PureHDF">']


def typ(name, lines):
    out.extend([f'   <Type Name="{name}">', *lines, "   </Type>"])


typ("PureHDF.H5NativeWriter",
    [m("InternalEncodeDataset", a(t), c(t)) for t in S] + [m("InternalWriteDataset", a(t), c(t)) for t in S])
typ("PureHDF.VOL.Native.AttributeMessage",
    [m("InternalCreate", c(t), c(t)) for t in P] + [m("InternalCreate", a(t), c(t)) for t in S])
typ("PureHDF.WriteUtils", [m("EncodeUnmanagedElement", c(t)) for t in P])
typ("PureHDF.VOL.Native.DatatypeMessage",
    [m(n, c(t)) for n in ("GetTypeInfoForTopLevelUnmanagedMemory", "GetDecodeInfoForUnmanagedMemory",
                          "GetDecodeInfoForUnmanagedElement", "BuildVariableLengthSequenceUnmanagedDecoder")
     for t in P])
typ("PureHDF.ReadUtils",
    [m(n, c(t)) for n in ("DecodeUnmanagedElement", "DecodeUnmanagedArray") for t in P]
    + [m("DecodeReferenceArray", c("String"))])
for cls, meth in (("PureHDF.VOL.Native.NativeAttribute", "ReadCoreLevel1_generic"),
                  ("PureHDF.VOL.Native.NativeDataset", "ReadCoreLevel1_Generic")):
    typ(cls, [m(meth, c(t), c(t)) for t in S] + [m(meth, a(t), c(t)) for t in S])
    out += [f'   <Type Name="{cls}+ReaderDelegate`1[[{x}]]" Dynamic="Required All" />'
            for t in S for x in (c(t), a(t))]
out += ["  </Assembly>", "</Application>", "</Directives>"]
print("\n".join(out))
