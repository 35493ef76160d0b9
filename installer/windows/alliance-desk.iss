; Inno Setup script of Alliance Desk: installs the frozen app from dist\alliance-desk for the current user
; (no administrator rights needed), with Start menu entries in Chinese and English. Built by installer\build.py.
#ifndef AppVersion
  ; The version is written once, in alliance_app/__init__.py; installer\build.py passes it in.
  #error Build with installer\build.py, which passes /DAppVersion
#endif

[Setup]
AppId={{6B0F3E2A-4C1D-4E8B-9A57-0A11A9CE0DE5}
AppName=Alliance Desk 联盟协作台
AppVersion={#AppVersion}
AppPublisher=湖北省人工智能产业创新联盟秘书处
DefaultDirName={localappdata}\Programs\AllianceDesk
DefaultGroupName=Alliance Desk 联盟协作台
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=alliance-desk-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\alliance-desk.ico
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\alliance-desk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Alliance Desk 联盟协作台"; Filename: "{app}\alliance-desk.exe"
Name: "{userdesktop}\Alliance Desk 联盟协作台"; Filename: "{app}\alliance-desk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\alliance-desk.exe"; Description: "{cm:LaunchProgram,Alliance Desk}"; Flags: nowait postinstall skipifsilent
