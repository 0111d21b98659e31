# Build the Style Studio desktop bundle for Windows (x64): one command, from a checkout.
#
#   powershell -ExecutionPolicy Bypass -File packaging\bundle\build-windows.ps1
#
# UNTESTED: written beside build-linux.sh (which is the one that was built and checked) and
# using the same style-studio.spec, but no Windows machine was available to run it. Expect to
# fix details.
#
# Writes dist\style-studio\ (style-studio.exe, studio-batch.exe, studio-train.exe and
# _internal\) and dist\style-studio-VERSION-windows-x64.zip. torch comes from the CPU wheel
# index (PyPI's Windows torch is CPU-only too). Not signed: SmartScreen may warn on first start.
param(
    [string]$Python = "python",
    [string]$TorchIndex = "https://download.pytorch.org/whl/cpu",
    [string]$TorchSpec = "torch==2.14.1+cpu"
)
$ErrorActionPreference = "Stop"
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$Root = Resolve-Path (Join-Path $Here "..\..")
Set-Location $Root
$Build = Join-Path $Root "build\bundle"
$Dist = Join-Path $Root "dist"
$Venv = Join-Path $Build "venv"
$Py = Join-Path $Venv "Scripts\python.exe"

function Run([string]$exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe $($arguments -join ' ') failed ($LASTEXITCODE)" }
}

if (-not (Test-Path $Py)) {
    New-Item -ItemType Directory -Force $Build | Out-Null
    Run $Python @("-m", "venv", $Venv)
    Run $Py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
}
Run $Py @("-m", "pip", "install", "--quiet", "--extra-index-url", $TorchIndex, $TorchSpec)
$TorchVersion = (& $Py -c "import torch; print(torch.__version__)").Trim()

# The wheel, from the working tree's tracked and untracked-but-not-ignored files.
$Src = Join-Path $Build "src"
$Wheels = Join-Path $Build "wheel"
Remove-Item -Recurse -Force $Src, $Wheels -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force $Src, $Wheels | Out-Null
git ls-files --cached --others --exclude-standard | ForEach-Object {
    $from = Join-Path $Root $_
    if (Test-Path $from -PathType Leaf) {
        $to = Join-Path $Src $_
        New-Item -ItemType Directory -Force (Split-Path -Parent $to) | Out-Null
        Copy-Item $from $to
    }
}
Run $Py @("-m", "pip", "wheel", "--quiet", "--no-deps", $Src, "-w", $Wheels)
$Wheel = (Get-ChildItem (Join-Path $Wheels "style_studio-*.whl")).FullName
Set-Content -Path (Join-Path $Build "torch-pin.txt") -Value "torch==$TorchVersion"
Run $Py @("-m", "pip", "install", "--quiet", "-c", (Join-Path $Build "torch-pin.txt"), $Wheel,
          "pyinstaller==6.22.3", "pyinstaller-hooks-contrib==2026.9")
Run $Py @("-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", $Wheel)
$Version = (& $Py -c "import studio; print(studio.__version__)").Trim()

$Out = Join-Path $Dist "style-studio"
Remove-Item -Recurse -Force $Out -ErrorAction SilentlyContinue
Push-Location $Build
try {
    Run $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
              "--distpath", $Dist, "--workpath", (Join-Path $Build "pyinstaller"),
              (Join-Path $Here "style-studio.spec"))
} finally { Pop-Location }
Copy-Item (Join-Path $Here "style-studio.png") $Out

$Zip = Join-Path $Dist "style-studio-$Version-windows-x64.zip"
Remove-Item -Force $Zip -ErrorAction SilentlyContinue
Compress-Archive -Path $Out -DestinationPath $Zip
Write-Host "bundle:  $Out (torch $TorchVersion)"
Write-Host "archive: $Zip"
Write-Host "try:     $Out\studio-batch.exe --list-styles"
