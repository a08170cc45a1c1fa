"Install dreamrunner from the metadata in settings.ini (nbdev 2 layout)."
from configparser import ConfigParser
from pathlib import Path
import setuptools

cfg = ConfigParser(delimiters=['='])
cfg.read(Path(__file__).parent/'settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']

def _reqs(key): return cfg.get(key, '').split()

licenses = {'apache2': ('Apache Software License 2.0', 'License :: OSI Approved :: Apache Software License')}
lic = licenses[cfg['license']]
setuptools.setup(
    name=cfg['lib_name'], version=cfg['version'], description=cfg['description'],
    long_description=(Path(__file__).parent/'README.md').read_text(encoding='utf-8'),
    long_description_content_type='text/markdown',
    author=cfg['author'], author_email=cfg['author_email'], license=lic[0], url=cfg['git_url'],
    keywords=cfg['keywords'].split(), python_requires='>=' + cfg['min_python'],
    classifiers=['Programming Language :: Python :: 3', lic[1], 'Natural Language :: English'],
    packages=setuptools.find_packages(include=['dreamrunner', 'dreamrunner.*']),
    include_package_data=True, zip_safe=False,
    install_requires=_reqs('requirements'), extras_require={'dev': _reqs('dev_requirements')},
    entry_points={'console_scripts': _reqs('console_scripts'), 'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
)
