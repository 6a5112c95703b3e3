"""A small model package laid out the way projects split their code: layers.py holds the
conv-bn-act helper, blocks.py the residual blocks built from it, net.py the network. The package
re-exports the public names, so `from pkg import PkgNet` works as well as `import pkg.net`."""
from .net import PkgNet, pkgnet_small

__all__ = ['PkgNet', 'pkgnet_small']
